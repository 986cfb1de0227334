using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas invoke: call a function through the gateway, its answer's body on stdout.</summary>
public static class InvokeCommand
{
    private const string Help = """
        Call a function through the gateway and write its answer's body to stdout unchanged (binary-safe). The method is
        GET, or POST when there is --data. Exits 0 on a 2xx answer and 1 otherwise (the status goes to stderr, with the
        platform's explanation when the platform, not the function, answered the error).

        Examples:
          faas invoke hello
          faas invoke hello --data 'world'
          faas invoke resize --data @photo.jpg --header 'Content-Type: image/jpeg' > small.jpg
          echo '{"n": 3}' | faas invoke api --data @- --header 'Content-Type: application/json'
          faas invoke api --method DELETE --path '/items/7?force=true' -i
          faas invoke hello -v            # also shows how the call started (warm, restore, boot) on stderr
        """;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function to call" };
        var data = new Option<string?>("--data", "-d") { Description = "The request body: TEXT, @FILE for a file's bytes, @- for standard input" };
        var method = new Option<string?>("--method", "-X") { Description = "The HTTP method (default GET, or POST with --data)" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A request header, 'Name: value' (repeatable)" };
        var path = new Option<string?>("--path") { Description = "Path and query after the function's name, e.g. /items/7?full=1" };
        var include = new Option<bool>("--include", "-i") { Description = "Print the status line and headers before the body" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show how the call started (X-Faas-Start), the instance and version, and the time taken on stderr" };
        var gateway = new GatewayOptions();
        var invoke = new Command("invoke", Help) { name, data, method, headers, path, include, verbose };
        gateway.AddTo(invoke);
        invoke.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            gateway,
            parse.GetValue(name)!,
            parse.GetValue(data),
            parse.GetValue(method),
            parse.GetValue(headers) ?? [],
            parse.GetValue(path),
            parse.GetValue(include),
            parse.GetValue(verbose),
            cancellationToken));
        return invoke;
    }

    private static async Task<int> RunAsync(
        ParseResult parse,
        GatewayOptions gateway,
        string name,
        string? data,
        string? method,
        string[] headerArguments,
        string? path,
        bool include,
        bool verbose,
        CancellationToken cancellationToken)
    {
        if (!KeyValueArguments.TryParseHeaders(headerArguments, out var headers, out var error))
        {
            await Console.Error.WriteLineAsync($"faas: {error}");
            return ExitCodes.Usage;
        }

        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            using var body = data is null ? null : InvocationBody.Parse(data).CreateContent(Console.OpenStandardInput);
            var httpMethod = new HttpMethod((method ?? (data is null ? "GET" : "POST")).ToUpperInvariant());
            var stopwatch = Stopwatch.StartNew();
            using var response = await client.InvokeAsync(new InvocationRequest(name, httpMethod, path, headers, body), cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            if (include)
            {
                await stdout.WriteAsync(Encoding.UTF8.GetBytes(StatusAndHeaders(response)), cancellationToken);
            }

            if (IsPlatformProblem(response))
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (include)
                {
                    await stdout.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                }

                var problem = GatewayProblem.Parse(text, (int)response.StatusCode, response.ReasonPhrase);
                await Console.Error.WriteLineAsync($"faas: calling {name} failed: {ClientErrors.Describe(problem, settings)}");
                await ClientErrors.WriteOutputTailAsync(problem);
                return ExitCodes.Failure;
            }

            await (await response.Content.ReadAsStreamAsync(cancellationToken)).CopyToAsync(stdout, cancellationToken);
            await stdout.FlushAsync(cancellationToken);
            if (verbose)
            {
                await Console.Error.WriteLineAsync($"faas: {name}: {StartSummary(response, stopwatch.Elapsed)}");
            }

            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"faas: {name} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                return ExitCodes.Failure;
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings, $"calling {name} failed");
        }
    }

    /// <summary>
    /// An error the platform answered itself (unknown function, no capacity, crash, timeout) rather than the function: a
    /// problem document not served by an instance, or a 502/504 problem.
    /// </summary>
    private static bool IsPlatformProblem(HttpResponseMessage response) =>
        !response.IsSuccessStatusCode
        && string.Equals(response.Content.Headers.ContentType?.MediaType, GatewayProblem.MediaType, StringComparison.OrdinalIgnoreCase)
        && (!response.Headers.Contains("X-Faas-Instance") || (int)response.StatusCode is 502 or 504);

    private static string StatusAndHeaders(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/{response.Version} {(int)response.StatusCode} {response.ReasonPhrase}\n");
        foreach (var (header, values) in response.Headers.Concat(response.Content.Headers))
        {
            foreach (var value in values)
            {
                text.Append(CultureInfo.InvariantCulture, $"{header}: {value}\n");
            }
        }

        return text.Append('\n').ToString();
    }

    private static string StartSummary(HttpResponseMessage response, TimeSpan elapsed)
    {
        static string? Header(HttpResponseHeaders headers, string name) => headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;
        var parts = new List<string>
        {
            $"start {Header(response.Headers, "X-Faas-Start") ?? "unknown"}",
            $"instance {Header(response.Headers, "X-Faas-Instance") ?? "unknown"}",
            $"version {Header(response.Headers, "X-Faas-Version") ?? "unknown"}",
        };
        if (Header(response.Headers, "X-Call-Id") is { } callId)
        {
            parts.Add($"call {callId}");
        }

        if (Header(response.Headers, "X-Duration-Seconds") is { } gatewaySeconds)
        {
            parts.Add($"gateway {gatewaySeconds} s");
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:F0} ms in all"));
        return string.Join(", ", parts);
    }
}
