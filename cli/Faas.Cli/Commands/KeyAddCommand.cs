using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas key add: another API key for a tenant, printed once.</summary>
public static class KeyAddCommand
{
    private const string Help = """
        Add an API key to your tenant and print it on stdout, alone on one line; its id goes to stderr. The key is shown
        only this once. To rotate a key: add one, switch your clients to it, then revoke the old one (faas key revoke).

        Examples:
          NEW=$(faas key add) && FAAS_API_KEY=$NEW faas key ls
          faas key add --tenant acme     (with an admin key)
        """;

    public static Command Create()
    {
        var tenant = KeyCommand.TenantOption();
        var gateway = new GatewayOptions();
        var add = new Command("add", Help) { tenant };
        gateway.AddTo(add);
        add.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(tenant), cancellationToken));
        return add;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string? tenant, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var key = await client.IssueKeyAsync(tenant, cancellationToken);
            await Console.Out.WriteLineAsync(key.ApiKey);
            await Console.Error.WriteLineAsync($"faas: added key {key.Id} to tenant {key.Tenant}; the key, above, is not shown again");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings, "adding a key failed");
        }
    }
}
