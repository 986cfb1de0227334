using Faas.Cli.Client;
using Faas.Cli.Client.Stack;
using Faas.Cli.Commands;

namespace Faas.Cli.Hosting;

/// <summary>Turns the client's failures (no gateway, no key, a problem answered) into clear "faas: …" lines on stderr.</summary>
public static class ClientErrors
{
    public static bool IsReportable(Exception e) =>
        e is GatewayException or ClientSettingsException or StackFileException or IOException or UnauthorizedAccessException;

    /// <returns>The exit code: <see cref="ExitCodes.Usage"/> for a bad stack file or setting, <see cref="ExitCodes.Failure"/> otherwise.</returns>
    public static async Task<int> ReportAsync(Exception e, ClientSettings? settings, string? doing = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var prefix = doing is null ? "faas: " : $"faas: {doing}: ";
        switch (e)
        {
            case GatewayProblemException problem:
                await Console.Error.WriteLineAsync(prefix + Describe(problem.Problem, settings));
                await WriteOutputTailAsync(problem.Problem);
                return ExitCodes.Failure;
            case StackFileException or ClientSettingsException:
                await Console.Error.WriteLineAsync($"faas: {e.Message}");
                return ExitCodes.Usage;
            default:
                await Console.Error.WriteLineAsync(prefix + e.Message);
                return ExitCodes.Failure;
        }
    }

    /// <summary>One line for a problem; 401 and 403 say what to do about the key.</summary>
    public static string Describe(GatewayProblem problem, ClientSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var gateway = settings?.Gateway.ToString() ?? "the gateway";
        return problem.Status switch
        {
            401 when settings?.ApiKey is null =>
                $"the gateway at {gateway} needs an API key (401): set FAAS_API_KEY or run `faas up` on this machine (it saves the key as {ClientSettings.KeyFilePath()})",
            401 => $"the gateway at {gateway} rejected the API key from {settings.ApiKeySource} (401): set FAAS_API_KEY or run `faas up` on this machine",
            403 => $"this API key is not allowed to do that (403){(problem.Detail is { } d ? $": {d}" : "")}; tenants are managed with an admin key, such as the one `faas up` creates",
            _ => problem.ToString(),
        };
    }

    /// <summary>The function's last lines of output, when the problem has them.</summary>
    public static async Task WriteOutputTailAsync(GatewayProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.OutputTail is not { Length: > 0 } tail)
        {
            return;
        }

        await Console.Error.WriteLineAsync($"faas: last lines of {problem.Function ?? "the function"}'s output:");
        foreach (var line in tail.TrimEnd('\n').Split('\n'))
        {
            await Console.Error.WriteLineAsync($"  | {line.TrimEnd('\r')}");
        }
    }
}
