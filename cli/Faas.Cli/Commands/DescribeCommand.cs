using System.CommandLine;
using System.Globalization;
using System.Text;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas describe: one function's spec, version, snapshot and instances.</summary>
public static class DescribeCommand
{
    private const string Help = """
        Show one function: its image and digest, current version, spec (memory, scaling, keep-alive, timeout, process,
        environment, labels, annotations), snapshot state, calls so far, URL and live instances.

        Examples:
          faas describe hello
          faas describe hello --json | jq .instances
        """;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function" };
        var json = CommonOptions.Json();
        var gateway = new GatewayOptions();
        var describe = new Command("describe", Help) { name, json };
        gateway.AddTo(describe);
        describe.SetAction((parse, cancellationToken) => RunAsync(parse, gateway, parse.GetValue(name)!, parse.GetValue(json), cancellationToken));
        return describe;
    }

    private static async Task<int> RunAsync(ParseResult parse, GatewayOptions gateway, string name, bool json, CancellationToken cancellationToken)
    {
        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            var function = await client.GetFunctionAsync(name, cancellationToken);
            await Console.Out.WriteAsync(json ? GatewayJson.Pretty(function.Json) + "\n" : Format(function.Value, client.FunctionUrl(function.Value.Name.Length > 0 ? function.Value.Name : name)));
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

    public static string Format(FunctionStatus function, Uri url)
    {
        ArgumentNullException.ThrowIfNull(function);
        var text = new StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(CultureInfo.InvariantCulture, $"{label + ":",-17}{value}\n");
            }
        }

        static string? Pairs(IReadOnlyDictionary<string, string>? values) =>
            values is null or { Count: 0 } ? null : string.Join(", ", values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

        Line("name", function.Name);
        Line("version", function.Version.ToString(CultureInfo.InvariantCulture));
        Line("image", function.Image);
        Line("image digest", function.ImageDigest);
        Line("url", url.ToString());
        Line("process", function.EnvProcess);
        Line("user", function.User);
        Line("port", function.Port?.ToString(CultureInfo.InvariantCulture));
        Line("memory", function.Memory ?? function.Limits?.Memory);
        Line("cpu", function.Limits?.Cpu);
        Line("instances", $"min {Count(function.MinInstances)}, max {Count(function.MaxInstances)}, {Count(function.MaxConcurrency)} call(s) each");
        Line("keep-alive", function.KeepAlive);
        Line("timeout", function.Timeout);
        Line("snapshot", function.Snapshot);
        Line("invocations", function.InvocationCount.ToString(CultureInfo.InvariantCulture));
        Line("created", function.CreatedAt?.ToString("u", CultureInfo.InvariantCulture));
        Line("environment", Pairs(function.EnvVars));
        Line("labels", Pairs(function.Labels));
        Line("annotations", Pairs(function.Annotations));
        if (function.Instances.Count > 0)
        {
            text.Append('\n').Append(TextTable.Format(
                ["INSTANCE", "WORKER", "VERSION", "STATE", "START", "ACTIVE", "LAST USED"],
                function.Instances.Select(i => (IReadOnlyList<string>)
                [
                    i.Id,
                    i.Worker ?? "-",
                    i.Version.ToString(CultureInfo.InvariantCulture),
                    i.State ?? "-",
                    i.Start ?? "-",
                    i.ActiveCalls.ToString(CultureInfo.InvariantCulture),
                    i.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                ])));
        }

        return text.ToString();
    }

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
