using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas key ls: the ids of a tenant's keys.</summary>
public static class KeyListCommand
{
    private const string Help = """
        List the ids of your tenant's API keys (keys themselves are never shown again); the one marked "yes" is the key
        this command used.

        Examples:
          faas key ls
          faas key ls --tenant acme      (with an admin key)
          faas key ls --json
        """;

    public static Command Create()
    {
        var tenant = KeyCommand.TenantOption();
        var json = CommonOptions.Json();
        var gateway = new GatewayOptions();
        var list = new Command("ls", Help) { tenant, json };
        list.Aliases.Add("list");
        gateway.AddTo(list);
        list.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(tenant), parse.GetValue(json), cancellationToken));
        return list;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string? tenant, bool json, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var keys = await client.ListKeysAsync(tenant, cancellationToken);
            await Console.Out.WriteAsync(json
                ? GatewayJson.Pretty(keys.Json) + "\n"
                : TextTable.Format(["KEY", "THIS ONE"], keys.Value.Select(key => (IReadOnlyList<string>)[key.Id, key.Current ? "yes" : ""])));
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
