using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Faas.Cli.Client;

namespace Faas.Cli.Commands;

/// <summary>The spec flags of `faas deploy`, declared once and read into <see cref="DeployOverrides"/>.</summary>
public sealed class DeployOptions
{
    private readonly Option<string?> _image = new("--image") { Description = "The function's container image (REGISTRY/NAME:TAG or @sha256:…)" };
    private readonly Option<string[]> _env = new("--env", "-e") { Description = "Environment variable, KEY=VALUE (repeatable)" };
    private readonly Option<string[]> _label = new("--label", "-l") { Description = "Label, KEY=VALUE (repeatable)" };
    private readonly Option<string[]> _annotation = new("--annotation") { Description = "Annotation, KEY=VALUE (repeatable)" };
    private readonly Option<string?> _memory = new("--memory") { Description = "Guest memory: 256Mi, 1Gi or a number of MiB (default 256Mi)" };
    private readonly Option<string?> _cpu = new("--cpu") { Description = "vCPUs (default 1; fractions round up)" };
    private readonly Option<int?> _min = new("--min") { Description = "Instances kept warm (default 0)" };
    private readonly Option<int?> _max = new("--max") { Description = "Most instances at once (default 10)" };
    private readonly Option<int?> _concurrency = new("--concurrency") { Description = "Calls one instance serves at once (default 1)" };
    private readonly Option<string?> _keepAlive = new("--keep-alive") { Description = "How long an idle instance lives: 30s, 5m, 1h (default 5m)" };
    private readonly Option<string?> _timeout = new("--timeout") { Description = "Longest a call may take: 500ms, 30s, 5m (default 30s)" };
    private readonly Option<int?> _port = new("--port") { Description = "Port the function serves HTTP on (default: the image's $PORT, else 8080)" };
    private readonly Option<string?> _process = new("--process") { Description = "Command replacing the image's (split like a shell would, no expansion)" };
    private readonly Option<string?> _user = new("--user") { Description = "User in the image to run as (name, uid, uid:gid)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _image, _env, _label, _annotation, _memory, _cpu, _min, _max, _concurrency, _keepAlive, _timeout, _port, _process, _user })
        {
            command.Options.Add(option);
        }
    }

    public bool TryRead(ParseResult parse, [NotNullWhen(true)] out DeployOverrides? overrides, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        overrides = null;
        if (!KeyValueArguments.TryParse(parse.GetValue(_env) ?? [], "--env", out var env, out error)
            || !KeyValueArguments.TryParse(parse.GetValue(_label) ?? [], "--label", out var labels, out error)
            || !KeyValueArguments.TryParse(parse.GetValue(_annotation) ?? [], "--annotation", out var annotations, out error))
        {
            return false;
        }

        overrides = new DeployOverrides
        {
            Image = parse.GetValue(_image),
            Environment = env,
            Labels = labels,
            Annotations = annotations,
            Memory = parse.GetValue(_memory),
            Cpu = parse.GetValue(_cpu),
            MinInstances = parse.GetValue(_min),
            MaxInstances = parse.GetValue(_max),
            MaxConcurrency = parse.GetValue(_concurrency),
            KeepAlive = parse.GetValue(_keepAlive),
            Timeout = parse.GetValue(_timeout),
            Port = parse.GetValue(_port),
            Process = parse.GetValue(_process),
            User = parse.GetValue(_user),
        };
        return true;
    }
}
