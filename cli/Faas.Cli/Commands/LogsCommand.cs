using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Faas.Cli.Client;
using Faas.Cli.Hosting;
using Faas.Common.Durations;

namespace Faas.Cli.Commands;

/// <summary>faas logs: a function's output lines, and with --follow the new ones as they come.</summary>
public static class LogsCommand
{
    private const string Help = """
        Print a function's log, oldest first, one line each: timestamp, instance, text (stdout and stderr of every
        instance, restored ones included, and the platform's lines about the function under instance "-").
        With --follow, keep printing new lines until Ctrl-C.

        Examples:
          faas logs hello
          faas logs hello --tail 20 --follow
          faas logs hello --since 10m
          faas logs hello --since 2026-11-23T01:00:00Z --json | jq -r .text
        """;

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep the log open and print new lines as they are written" };
        var since = new Option<string?>("--since") { Description = "Only lines from this long ago (10m, 1h30m) or since this time (RFC 3339)" };
        var tail = new Option<int?>("--tail", "-n") { Description = "Only the last N lines (then follow, with --follow)" };
        var json = new Option<bool>("--json") { Description = "Print each line as the gateway's JSON object" };
        var gateway = new GatewayOptions();
        var logs = new Command("logs", Help) { name, follow, since, tail, json };
        gateway.AddTo(logs);
        logs.SetAction((parse, cancellationToken) => RunAsync(
            parse, gateway, parse.GetValue(name)!, parse.GetValue(follow), parse.GetValue(since), parse.GetValue(tail), parse.GetValue(json), cancellationToken));
        return logs;
    }

    /// <summary>"10m" (that long before <paramref name="now"/>) or an RFC 3339 time.</summary>
    public static bool TryParseSince(string text, DateTimeOffset now, [NotNullWhen(true)] out DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(text);
        since = null;
        if (GoDuration.TryParse(text, out var ago))
        {
            since = now - ago;
            return true;
        }

        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            since = time;
            return true;
        }

        return false;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, GatewayOptions gateway, string name, bool follow, string? sinceText, int? tail, bool json, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = null;
        if (sinceText is not null && !TryParseSince(sinceText, DateTimeOffset.UtcNow, out since))
        {
            await Console.Error.WriteLineAsync($"faas: --since '{sinceText}' is neither a duration (10m, 1h30m) nor an RFC 3339 time (2026-11-23T01:00:00Z)");
            return ExitCodes.Usage;
        }

        if (tail is < 0)
        {
            await Console.Error.WriteLineAsync("faas: --tail must be 0 or more");
            return ExitCodes.Usage;
        }

        ClientSettings? settings = null;
        try
        {
            settings = gateway.Read(parse);
            using var client = new GatewayClient(settings);
            await foreach (var line in client.ReadLogsAsync(new LogQuery(name, since, tail, follow), cancellationToken))
            {
                await Console.Out.WriteLineAsync(json ? line : LogLine.Parse(line).ToString());
                if (follow)
                {
                    await Console.Out.FlushAsync(cancellationToken);
                }
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return follow ? 0 : ExitCodes.Interrupted;
        }
        catch (Exception e) when (ClientErrors.IsReportable(e))
        {
            return await ClientErrors.ReportAsync(e, settings);
        }
    }
}
