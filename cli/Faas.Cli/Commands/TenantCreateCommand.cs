using System.CommandLine;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas tenant create: a new tenant and its API key, printed once.</summary>
public static class TenantCreateCommand
{
    private const string Help = """
        Create a tenant and print its API key on stdout, alone on one line. The key is shown only this once: keep it.
        Functions of one tenant are invisible to every other. With --admin the new key may create tenants too.

        Examples:
          faas tenant create acme
          KEY=$(faas tenant create acme) && FAAS_API_KEY=$KEY faas deploy hello --image 127.0.0.1:5000/samples/python-http:latest
          faas tenant create ops --admin
        """;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The tenant's name (a DNS label)" };
        var admin = new Option<bool>("--admin") { Description = "The tenant's key may create and list tenants" };
        var gateway = new GatewayOptions();
        var create = new Command("create", Help) { name, admin };
        gateway.AddTo(create);
        create.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(name)!, parse.GetValue(admin), cancellationToken));
        return create;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string name, bool admin, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var tenant = await client.CreateTenantAsync(name, admin, cancellationToken);
            await Console.Out.WriteLineAsync(tenant.ApiKey);
            await Console.Error.WriteLineAsync($"faas: created tenant {tenant.Tenant}{(tenant.Admin ? " (admin)" : "")}; its API key, above, is not shown again");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings, $"creating tenant {name} failed");
        }
    }
}
