using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas rm: remove functions.</summary>
public static class RemoveCommand
{
    private const string Help = """
        Remove functions: every instance stops and the function is forgotten. Each name is tried; the command fails when
        any could not be removed (not found, refused).

        Examples:
          faas rm hello
          faas rm hello api worker
        """;

    public static Command Create()
    {
        var names = new Argument<string[]>("name") { Description = "The functions to remove", Arity = ArgumentArity.OneOrMore };
        var gateway = new GatewayOptions();
        var remove = new Command("rm", Help) { names };
        remove.Aliases.Add("remove");
        gateway.AddTo(remove);
        remove.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(names) ?? [], cancellationToken));
        return remove;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string[] names, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var failed = 0;
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    await client.RemoveFunctionAsync(name, cancellationToken);
                    await Console.Out.WriteLineAsync($"{name}: removed");
                }
                catch (GatewayProblemException e) when (e.Status is not (401 or 403))
                {
                    await ClientErrors.ReportAsync(e, settings, $"removing {name} failed");
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
}
