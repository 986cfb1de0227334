namespace Faas.Cli.Hosting;

/// <summary>
/// Starts a local host on ports picked just before: another process may bind a picked port (or use it as the local port of an
/// outgoing connection) before the host does. A start that failed for that reason is tried again on fresh ports.
/// </summary>
public static class PortClash
{
    private const int Attempts = 3;

    /// <param name="start">Starts the host, picking its ports anew on each call.</param>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start().ConfigureAwait(false);
            }
            catch (ClusterStartException e) when (attempt < Attempts && IsPortClash(e.Output))
            {
                // Picked ports were taken meanwhile: pick others.
            }
        }
    }

    public static bool IsPortClash(string output) =>
        output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || output.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
        || output.Contains("Failed to bind", StringComparison.OrdinalIgnoreCase);
}
