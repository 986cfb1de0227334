using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Client.Stack;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas deploy: create or update functions from flags or from a faas.yaml.</summary>
public static class DeployCommand
{
    private const string Help = """
        Deploy a function: the gateway pulls its image, builds the root filesystem, boots it once and snapshots it, so
        the first call restores in milliseconds. Deploying a function that exists with another spec updates it (a new
        version takes new calls; calls in flight finish on the old one); the same spec again changes nothing.
        Progress goes to stderr; the function's name, version, what changed and its URL to stdout.

        With -f, deploys the functions of a stack file (faas-cli's format: version, provider: {name, gateway},
        functions: {NAME: {image, fprocess, environment, environment_file, labels, annotations, limits, requests,
        min_instances, max_instances, max_concurrency, keep_alive, timeout, memory, port, user}}), all of them or the
        ones named; ${VAR} and ${VAR:-default} are expanded; flags given too apply to each of them. Without --image
        or -f, ./faas.yaml is used when present.

        Examples:
          faas deploy hello --image 127.0.0.1:5000/samples/python-http:latest
          faas deploy hello --image 127.0.0.1:5000/samples/busybox-http:latest -e GREETING=hi --memory 512Mi --min 1 --timeout 10s
          faas deploy -f faas.yaml
          faas deploy -f faas.yaml hello
          FAAS_GATEWAY=http://10.0.0.5:8080 faas deploy api --image registry.example.com/api:2 --max 50 --concurrency 4
        """;

    private static readonly string[] DefaultStackFiles = ["faas.yaml", "faas.yml", "stack.yaml", "stack.yml"];

    public static Command Create()
    {
        var names = new Argument<string[]>("name") { Description = "The function's name (with -f: the functions to deploy, default all)", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<string?>("--file", "-f", "--yaml") { Description = "A stack file (faas.yaml) to deploy from" };
        var spec = new DeployOptions();
        var gateway = new GatewayOptions();
        var deploy = new Command("deploy", Help) { names, file };
        spec.AddTo(deploy);
        gateway.AddTo(deploy);
        deploy.SetAction((parse, cancellationToken) => RunAsync(parse, parse.GetValue(names) ?? [], parse.GetValue(file), spec, gateway, cancellationToken));
        return deploy;
    }

    private static async Task<int> RunAsync(ParseResult parse, string[] names, string? file, DeployOptions spec, GatewayOptions gateway, CancellationToken cancellationToken)
    {
        if (!spec.TryRead(parse, out var overrides, out var error))
        {
            await Console.Error.WriteLineAsync($"faas: {error}");
            return ExitCodes.Usage;
        }

        ClientSettings? settings = null;
        try
        {
            file ??= overrides.Image is null ? DefaultStackFiles.FirstOrDefault(File.Exists) : null;
            var stack = file is null ? null : StackFileParser.Load(file);
            if (stack is null && (names.Length != 1 || overrides.Image is null))
            {
                await Console.Error.WriteLineAsync("faas: give one NAME and --image REF, or a stack file with -f faas.yaml (see faas deploy --help)");
                return ExitCodes.Usage;
            }

            IReadOnlyList<FunctionDeployment> functions = stack is null
                ? [overrides.Apply(new FunctionDeployment { Service = names[0], Image = overrides.Image! })]
                : [.. stack.Select(names).Select(overrides.Apply)];
            var problems = functions.SelectMany(f => SpecValues.Check(f).Select(p => $"{f.Service}: {p}")).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"faas: {problem}");
                }

                return ExitCodes.Usage;
            }

            settings = gateway.Read(parse, stack?.Gateway);
            using var client = new GatewayClient(settings);
            var failed = 0;
            foreach (var function in functions)
            {
                if (!await DeployOneAsync(client, function, cancellationToken))
                {
                    failed++;
                }
            }

            return failed == 0 ? 0 : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings);
        }
    }

    /// <returns>Whether the function deployed; failures are reported on stderr (an unreachable gateway is thrown).</returns>
    private static async Task<bool> DeployOneAsync(GatewayClient client, FunctionDeployment function, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"faas: deploying {function.Service} ({function.Image}) to {client.Settings.Gateway}");
        var progress = DeployProgressRenderer.ForStandardError(function.Service);
        try
        {
            var outcome = await client.DeployAsync(function, progress, cancellationToken);
            progress.Complete();
            var change = outcome.Change switch
            {
                DeployChange.Created => "new",
                DeployChange.Updated => "updated",
                _ => "unchanged",
            };
            var name = string.IsNullOrEmpty(outcome.Function.Name) ? function.Service : outcome.Function.Name;
            await Console.Out.WriteLineAsync($"{name}: version {outcome.Function.Version} ({change}) {client.FunctionUrl(name)}");
            return true;
        }
        catch (GatewayProblemException e)
        {
            progress.Complete();
            await ClientErrors.ReportAsync(e, client.Settings, $"deploying {function.Service} failed");
            return false;
        }
        catch
        {
            progress.Complete();
            throw;
        }
    }
}
