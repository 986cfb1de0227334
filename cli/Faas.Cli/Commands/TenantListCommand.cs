using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas tenant ls: every tenant.</summary>
public static class TenantListCommand
{
    private const string Help = """
        List the tenants and whether each one's key is an admin key (keys themselves are never shown again).

        Examples:
          faas tenant ls
          faas tenant ls --json
        """;

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var gateway = new GatewayOptions();
        var list = new Command("ls", Help) { json };
        list.Aliases.Add("list");
        gateway.AddTo(list);
        list.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(json), cancellationToken));
        return list;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, bool json, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var tenants = await client.ListTenantsAsync(cancellationToken);
            await Console.Out.WriteAsync(json
                ? GatewayJson.Pretty(tenants.Json) + "\n"
                : TextTable.Format(
                    ["TENANT", "ADMIN"],
                    tenants.Value.OrderBy(t => t.Tenant, StringComparer.Ordinal).Select(t => (IReadOnlyList<string>)[t.Tenant, t.Admin ? "yes" : "no"])));
            return 0;
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
