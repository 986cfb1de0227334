using System.CommandLine;
using System.Globalization;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas ls: the tenant's functions.</summary>
public static class ListCommand
{
    private const string Help = """
        List the functions of the API key's tenant: name, current version, image, live instances, calls so far and the
        state of the snapshot new instances restore from.

        Examples:
          faas ls
          faas ls --json | jq '.[].name'
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
            var functions = await client.ListFunctionsAsync(cancellationToken);
            await Console.Out.WriteAsync(json ? GatewayJson.Pretty(functions.Json) + "\n" : Format(functions.Value));
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

    public static string Format(IReadOnlyList<FunctionStatus> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return TextTable.Format(
            ["NAME", "VERSION", "IMAGE", "INSTANCES", "INVOCATIONS", "SNAPSHOT"],
            functions.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => (IReadOnlyList<string>)
            [
                f.Name,
                f.Version.ToString(CultureInfo.InvariantCulture),
                f.Image ?? "-",
                f.Instances.Count.ToString(CultureInfo.InvariantCulture),
                f.InvocationCount.ToString(CultureInfo.InvariantCulture),
                f.Snapshot ?? "-",
            ]));
    }
}
