using System.Globalization;

namespace Faas.Cli.Hosting;

/// <summary>A redis-server from the host's packages on a loopback port, keeping its files in a directory of its own.</summary>
public static class LocalRedis
{
    private const string Program = "redis-server";

    public static async Task<(ClusterProcess Process, string Address)> StartAsync(string dataDirectory, int port, CancellationToken cancellationToken)
    {
        if (!ProgramOnPath.Exists(Program))
        {
            throw new ClusterConfigurationException("redis-server is not installed: run scripts/ensure-packages.sh or apt-get install redis-server");
        }

        Directory.CreateDirectory(dataDirectory);
        var server = ParentBoundCommand.Wrap(
            Program,
            ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", dataDirectory, "--appendonly", "yes", "--save", "", "--protected-mode", "yes"]);
        var process = await ClusterProcess.StartAsync("redis", server, line => line.Contains("Ready to accept connections", StringComparison.Ordinal), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return (process, $"127.0.0.1:{port}");
    }
}
