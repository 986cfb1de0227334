using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>With <see cref="QemuOptions.RestoreStandby"/>, a restore starts the next one's QEMU, which the next restore takes.</summary>
[Collection(SnapshotTestGroup.Name)]
public sealed class StandbyTests(SnapshotFixture fixture) : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly TemporaryRunRoot _root = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_next_restore_takes_the_QEMU_started_ahead_and_starts_another()
    {
        var backend = new QemuBackend(_root.Options() with { RestoreStandby = true });
        await using var first = (QemuMicroVm)await backend.RestoreAsync(fixture.Snapshot, Token);
        await WaitForReadyStandbyAsync(backend);
        var waiting = QemuProcesses().Except([first.ProcessId]).Single();

        await using var second = (QemuMicroVm)await backend.RestoreAsync(fixture.Snapshot, Token);

        Assert.Equal(waiting, second.ProcessId);
        Assert.Equal("ok\n", (await GuestRun.ExecAsync(second, "echo", "ok")).Stdout);
        Assert.Equal($"{SnapshotFixture.MarkerText}\n", (await GuestRun.ExecAsync(first, "cat", "/tmp/marker")).Stdout);
        Assert.Equal(1, backend.StandbyCount);

        await backend.StopStandbysAsync();

        Assert.Equal(0, backend.StandbyCount);
        Assert.Equal(new[] { first.ProcessId, second.ProcessId }.Order(), QemuProcesses().Order());
    }

    [Fact]
    public async Task A_standby_nobody_takes_is_stopped_after_the_idle_limit()
    {
        var backend = new QemuBackend(_root.Options() with { RestoreStandby = true, RestoreStandbyIdleLimit = TimeSpan.FromSeconds(1) });
        var vm = (QemuMicroVm)await backend.RestoreAsync(fixture.Snapshot, Token);
        var standbys = backend.StandbyCount;
        await vm.DisposeAsync();

        Assert.Equal(1, standbys);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(_root.Path, TimeSpan.FromSeconds(10)));
        Assert.Equal(0, backend.StandbyCount);
        await WaitUntilAsync(() => _root.Entries().Count == 0);
    }

    [Fact]
    public async Task Without_the_option_a_restore_leaves_no_QEMU_behind()
    {
        var backend = new QemuBackend(_root.Options());
        await (await backend.RestoreAsync(fixture.Snapshot, Token)).DisposeAsync();

        Assert.Equal(0, backend.StandbyCount);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(_root.Path, TimeSpan.FromSeconds(5)));
    }

    private static Task WaitForReadyStandbyAsync(QemuBackend backend) => WaitUntilAsync(() => backend.ReadyStandbyCount > 0);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(WaitLimit);
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }

    /// <summary>The QEMUs of this test (not their watchdog shells, whose command lines mention the same paths).</summary>
    private IEnumerable<int> QemuProcesses() =>
        ProcFs.ProcessesMentioning(_root.Path).Where(pid => ProcFs.CommandName(pid).StartsWith("qemu", StringComparison.Ordinal));
}
