using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Faas.Cli.Tests.Commands;
using Faas.Cli.Tests.Support;
using Faas.Tests.Shared;
using Faas.Vmm.Host;

namespace Faas.Cli.Tests.Platform;

/// <summary>
/// `faas up` on each backend of a hardware-virtualization host (the built-in VMM, and QEMU with -accel kvm), as a user runs
/// it: deploy two samples, one with 2 vCPUs; the first call restores, the next is warm; `faas rm` leaves no VM behind.
/// Elsewhere it skips: the platform on QEMU with TCG is what the other platform tests run.
/// </summary>
public sealed partial class BackendPlatformTests : IAsyncLifetime
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private readonly SampleImages _samples = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _samples.DisposeAsync();

    [Theory]
    [InlineData("kvm")]
    [InlineData("qemu")]
    public async Task Two_samples_restore_then_stay_warm_and_faas_rm_leaves_no_vm(string backend)
    {
        var host = new HostVirtualizationProbe().Detect();
        if (host.Kvm != KvmKind.Hardware)
        {
            HardwareVirtualizationSkip.Because($"runs each backend on hardware virtualization; /dev/kvm here is {host.Kvm}: {host.KvmDetail}");
        }

        await _samples.InitializeAsync();
        var data = Directory.CreateTempSubdirectory("faas-backend-");
        try
        {
            await using var platform = await RunningPlatform.StartAsync(data.FullName, "--backend", backend);
            var busybox = await DeployAsync(platform, "bb", SampleImages.Reference("busybox-http"));
            var python = await DeployAsync(platform, "py", SampleImages.Reference("python-http"), "--cpu", "2");
            var described = await FaasClientProcess.RunAsync(platform.Gateway, platform.ApiKey, ["describe", "py", "--json"], dataDirectory: platform.DataDirectory);

            using var client = platform.Client();
            var bbCalls = await CallTwiceAsync(client, "bb");
            var pyCalls = await CallTwiceAsync(client, "py");
            var live = InstanceCount(await client.GetStringAsync("/metrics", Token));
            var removed = await FaasClientProcess.RunAsync(platform.Gateway, platform.ApiKey, ["rm", "bb", "py"], dataDirectory: platform.DataDirectory);
            var left = await InstancesAfterDrainAsync(client);
            var qemus = QemuDescendants(platform.ProcessId);

            Assert.True(busybox.ExitCode == 0, busybox.ToString());
            Assert.True(python.ExitCode == 0, python.ToString());
            Assert.Matches("\"cpu\": \"?2\"?", described.StdoutText);
            Assert.Equal([(HttpStatusCode.OK, "restore", "hello from busybox-http\n"), (HttpStatusCode.OK, "warm", "hello from busybox-http\n")], bbCalls);
            Assert.Equal([(HttpStatusCode.OK, "restore", "hello from python-http\n"), (HttpStatusCode.OK, "warm", "hello from python-http\n")], pyCalls);
            Assert.Equal(2, live);
            Assert.True(removed.ExitCode == 0, removed.ToString());
            Assert.Equal(0, left);
            Assert.Empty(qemus);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static Task<FaasRun> DeployAsync(RunningPlatform platform, string name, string image, params string[] extra) =>
        FaasClientProcess.RunAsync(platform.Gateway, platform.ApiKey, ["deploy", name, "--image", image, .. extra], dataDirectory: platform.DataDirectory);

    private static async Task<List<(HttpStatusCode, string, string)>> CallTwiceAsync(HttpClient client, string name)
    {
        var calls = new List<(HttpStatusCode, string, string)>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync($"/function/{name}", Token);
            var start = response.Headers.TryGetValues("X-Faas-Start", out var values) ? values.Single() : "";
            calls.Add((response.StatusCode, start, await response.Content.ReadAsStringAsync(Token)));
        }

        return calls;
    }

    /// <summary>Live instances from /metrics once removal has stopped them (it stops them in the background).</summary>
    private static async Task<int> InstancesAfterDrainAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (true)
        {
            var count = InstanceCount(await client.GetStringAsync("/metrics", Token));
            if (count == 0 || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), Token);
        }
    }

    private static int InstanceCount(string metrics) =>
        InstanceGauge().Matches(metrics).Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>QEMU processes anywhere below <paramref name="root"/>.</summary>
    private static List<string> QemuDescendants(int root)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var afterName = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(') + 1)..afterName];
                parents[pid] = int.Parse(stat[(afterName + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while it was being read.
            }
        }

        bool Below(int pid)
        {
            for (var current = pid; parents.TryGetValue(current, out var parent) && parent > 1; current = parent)
            {
                if (parent == root)
                {
                    return true;
                }
            }

            return false;
        }

        return [.. names.Where(p => p.Value.StartsWith("qemu-system", StringComparison.Ordinal) && Below(p.Key)).Select(p => $"{p.Key} {p.Value}")];
    }

    [GeneratedRegex("""^faas_instances\{[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex InstanceGauge();
}
