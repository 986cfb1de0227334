using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests.Caching;

public sealed class FileLockTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases_the_lock()
    {
        var path = temporary.Combine("cache", ".lock");
        var progress = new RecordingProgress();
        var first = await FileLock.AcquireAsync(path, progress, TestContext.Current.CancellationToken);

        var second = FileLock.AcquireAsync(path, progress, TestContext.Current.CancellationToken);
        await Task.Delay(600, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        Assert.Contains(progress.Messages, m => m.Contains(path, StringComparison.Ordinal));

        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_lock_is_a_flock_other_processes_see()
    {
        var path = temporary.Combine(".lock");
        using var held = await FileLock.AcquireAsync(path, null, TestContext.Current.CancellationToken);

        var result = await CliWrap.Buffered.BufferedCommandExtensions.ExecuteBufferedAsync(
            CliWrap.Cli.Wrap("flock").WithArguments(["--nonblock", path, "true"]).WithValidation(CliWrap.CommandResultValidation.None),
            TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Waiting_can_be_cancelled()
    {
        var path = temporary.Combine(".lock");
        using var held = await FileLock.AcquireAsync(path, null, TestContext.Current.CancellationToken);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileLock.AcquireAsync(path, null, cancellation.Token));
    }
}
