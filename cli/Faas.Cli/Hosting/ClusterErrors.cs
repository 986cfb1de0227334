using Npgsql;

namespace Faas.Cli.Hosting;

/// <summary>Failures of a cluster host worth one clear line rather than a stack trace.</summary>
public static class ClusterErrors
{
    public static bool IsReportable(Exception e) =>
        e is ClusterConfigurationException or ClusterStartException or NpgsqlException or OrleansException or IOException
        || PlatformErrors.IsReportable(e);

    public static async Task ReportAsync(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case ClusterConfigurationException or ClusterStartException:
                await Console.Error.WriteLineAsync($"faas: {e.Message}");
                break;
            case NpgsqlException:
                await Console.Error.WriteLineAsync($"faas: PostgreSQL: {e.Message}");
                break;
            case OrleansException or IOException:
                await Console.Error.WriteLineAsync($"faas: cluster: {e.Message}");
                break;
            default:
                await PlatformErrors.ReportAsync(e);
                break;
        }
    }
}
