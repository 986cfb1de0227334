using System.Diagnostics;
using System.Globalization;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

/// <summary>A VM must not outlive the process that started it, however that process ends.</summary>
public sealed class ParentDeathTests
{
    private static readonly TimeSpan ProcessGoneLimit = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SIGKILL_of_the_owning_process_kills_a_QEMU_that_nothing_else_would_end()
    {
        var marker = $"faas-orphan-test-{Guid.NewGuid():N}";
        using var holder = StartHolder(VmHolder.BareArguments(marker));
        var qemuPid = await ReadReadyLineAsync(holder);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        Assert.True(ProcFs.IsAlive(qemuPid), "QEMU should run while its owner lives");

        holder.Kill();
        await holder.WaitForExitAsync(Token);

        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(marker, ProcessGoneLimit));
    }

    [Fact]
    public async Task SIGKILL_of_the_process_that_booted_a_VM_leaves_no_QEMU()
    {
        using var root = new TemporaryRunRoot();
        var image = await TestGuest.ImageAsync();
        using var holder = StartHolder(VmHolder.BootArguments(image.KernelPath, image.InitrdPath, root.Path, VmHolder.WaitToBeKilled));
        var qemuPid = await ReadReadyLineAsync(holder);
        Assert.True(ProcFs.IsAlive(qemuPid));

        holder.Kill();
        await holder.WaitForExitAsync(Token);

        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
    }

    [Fact]
    public async Task Owning_process_that_exits_without_disposing_leaves_no_QEMU()
    {
        using var root = new TemporaryRunRoot();
        var image = await TestGuest.ImageAsync();
        using var holder = StartHolder(VmHolder.BootArguments(image.KernelPath, image.InitrdPath, root.Path, VmHolder.ExitWithoutDisposing));
        await ReadReadyLineAsync(holder);

        await holder.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(0, holder.ExitCode);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
    }

    private static Process StartHolder(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Faas.Vmm.Qemu.Tests"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the VM holder did not start");
    }

    private static async Task<int> ReadReadyLineAsync(Process holder)
    {
        var line = await holder.StandardOutput.ReadLineAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(90), Token);
        Assert.NotNull(line);
        var words = line.Split(' ');
        Assert.Equal("ready", words[0]);
        return int.Parse(words[1], CultureInfo.InvariantCulture);
    }
}
