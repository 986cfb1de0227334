using System.CommandLine;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>The options of `faas vm run`, declared once and read into a <see cref="VmRunRequest"/>.</summary>
public sealed class VmRunOptions
{
    private readonly Option<string> _backend = CommonOptions.Backend();
    private readonly Option<int> _memory = CommonOptions.Memory();
    private readonly Option<int> _cpus = CommonOptions.Cpus();
    private readonly Option<string[]> _env = new("--env", "-e") { Description = "Environment variable, KEY=VALUE (repeatable)" };
    private readonly Option<string?> _workdir = new("--workdir", "-w") { Description = "Working directory in the guest" };
    private readonly Option<string?> _image = new("--image", "-i") { Description = "Container image to boot as the root filesystem (registry reference, oci:DIR, oci-archive:FILE, docker-archive:FILE)" };
    private readonly Option<string?> _user = new("--user", "-u") { Description = "User in the image to run as (name, uid, name:group, uid:gid)" };
    private readonly Option<int?> _port = new("--port", "-p") { Description = "Port the function serves on (default: $PORT, else 8080)" };
    private readonly Option<int> _readyTimeout = new("--ready-timeout") { Description = "Seconds the function may take to accept connections", DefaultValueFactory = _ => 60 };
    private readonly Option<string?> _probe = new("--probe") { Description = "With --image and no command: once the function is ready, GET this path inside the VM, print the response and stop" };
    private readonly Argument<string[]> _command = new("command") { Description = "The program and its arguments, after --", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_backend);
        command.Options.Add(_memory);
        command.Options.Add(_cpus);
        command.Options.Add(_env);
        command.Options.Add(_workdir);
        command.Options.Add(_image);
        command.Options.Add(_user);
        command.Options.Add(_port);
        command.Options.Add(_readyTimeout);
        command.Options.Add(_probe);
        command.Arguments.Add(_command);
    }

    public VmRunRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new VmRunRequest(
            parse.GetValue(_backend),
            parse.GetValue(_memory),
            parse.GetValue(_cpus),
            parse.GetValue(_env) ?? [],
            parse.GetValue(_workdir),
            parse.GetValue(_image),
            parse.GetValue(_user),
            parse.GetValue(_port),
            TimeSpan.FromSeconds(parse.GetValue(_readyTimeout)),
            parse.GetValue(_probe),
            parse.GetValue(_command) ?? []);
    }
}
