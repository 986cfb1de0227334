using System.Net;
using System.Net.Sockets;
using CliWrap;
using Faas.LoadTest.HostInfo;

namespace Faas.LoadTest.Tests.HostInfo;

/// <summary>The /proc readers against real processes and sockets of this test run.</summary>
public sealed class ProcessProbesTests
{
    [Fact]
    public async Task A_child_process_is_a_descendant()
    {
        using var stop = new CancellationTokenSource();
        var child = CliWrap.Cli.Wrap("sleep").WithArguments("30").WithValidation(CommandResultValidation.None).ExecuteAsync(stop.Token);
        try
        {
            var descendants = ProcessTree.Descendants(Environment.ProcessId);

            Assert.Contains(descendants, process => process.Pid == child.ProcessId && process.Name == "sleep");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await child;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }
    }

    [Fact]
    public void Pss_of_this_process_is_read_from_smaps_rollup()
    {
        var pss = VmMemoryProbe.PssKiB($"/proc/{Environment.ProcessId}/smaps_rollup");

        Assert.NotNull(pss);
        Assert.InRange(pss.Value, 1024, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task A_qemu_process_under_the_platform_is_a_vm_with_its_pss()
    {
        using var stop = new CancellationTokenSource();
        // A paused QEMU without a machine: the smallest real QEMU process there is.
        var qemu = CliWrap.Cli.Wrap("qemu-system-x86_64").WithArguments(["-machine", "none", "-display", "none", "-monitor", "none", "-S"])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(stop.Token);
        try
        {
            VmMemory memory;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
                memory = VmMemoryProbe.Measure(Environment.ProcessId);
            }
            while (!memory.Vms.Any(vm => vm.Pid == qemu.ProcessId) && waited.Elapsed < TimeSpan.FromSeconds(10));

            var vm = Assert.Single(memory.Vms, vm => vm.Pid == qemu.ProcessId);
            Assert.InRange(vm.PssKiB, 1024, 4L * 1024 * 1024);
            Assert.Equal(0, VmMemoryProbe.Measure(qemu.ProcessId).Count);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await qemu;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }
    }

    [Fact]
    public void The_owner_of_a_listening_socket_is_found()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(Environment.ProcessId, ListeningSocketOwner.Find(port));
        listener.Stop();
        Assert.Null(ListeningSocketOwner.Find(port));
    }

    [Fact]
    public async Task The_load_average_is_sampled()
    {
        var sampler = LoadAverageSampler.Start(TimeSpan.FromMilliseconds(50));
        await Task.Delay(300, TestContext.Current.CancellationToken);

        var figures = await sampler.StopAsync();
        await sampler.DisposeAsync();

        Assert.InRange(figures.Samples, 3, 20);
        Assert.True(figures.Min <= figures.Mean && figures.Mean <= figures.Max);
        Assert.True(figures.Min >= 0);
    }
}
