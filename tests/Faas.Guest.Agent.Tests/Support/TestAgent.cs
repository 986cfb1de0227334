using Faas.Guest.Agent.Processes;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>The agent's parts as a host runs them.</summary>
internal static class TestAgent
{
    public static PosixSpawnLauncher CreateLauncher() => new(new OwnChildrenReaper());

    /// <summary>Switching to another user needs root; on a host where the tests run as anyone else it cannot be exercised.</summary>
    public static void SkipUnlessRoot()
    {
        var uids = File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal));
        var effectiveUid = uids.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2];
        if (effectiveUid != "0")
        {
            Assert.Skip("Running programs as another user needs root; these tests do not run as root.");
        }
    }
}
