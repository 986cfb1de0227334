using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas key revoke: an API key stops working, on every gateway.</summary>
public static class KeyRevokeCommand
{
    private const string Help = """
        Revoke one of your tenant's API keys by its id (faas key ls): it stops working at once on every gateway. A tenant's
        last key cannot be revoked: add another first.

        Examples:
          faas key revoke key_0123456789ab
          faas key revoke key_0123456789ab --tenant acme     (with an admin key)
        """;

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The key's id, as faas key ls shows it" };
        var tenant = KeyCommand.TenantOption();
        var gateway = new GatewayOptions();
        var revoke = new Command("revoke", Help) { id, tenant };
        gateway.AddTo(revoke);
        revoke.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(id)!, parse.GetValue(tenant), cancellationToken));
        return revoke;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string id, string? tenant, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            await client.RevokeKeyAsync(id, tenant, cancellationToken);
            await Console.Error.WriteLineAsync($"faas: revoked {id}");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings, $"revoking {id} failed");
        }
    }
}
