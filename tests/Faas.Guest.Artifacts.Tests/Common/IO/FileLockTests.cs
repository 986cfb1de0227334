using System.Collections.Concurrent;
using Faas.Common.IO;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests.Common.IO;

public sealed class FileLockTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases_the_lock_and_is_told_who_it_waits_for()
    {
        var path = temporary.Combine("cache", ".lock");
        var messages = new ConcurrentQueue<string>();
        var first = await FileLock.AcquireAsync(path, messages.Enqueue, TestContext.Current.CancellationToken);

        var second = FileLock.AcquireAsync(path, messages.Enqueue, TestContext.Current.CancellationToken);
        await Task.Delay(600, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        Assert.Equal([$"waiting for another process that holds {path}"], messages);

        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Trying_gives_nothing_while_the_lock_is_held()
    {
        var path = temporary.Combine(".lock");
        using (var held = FileLock.TryAcquire(path))
        {
            Assert.NotNull(held);
            Assert.Null(FileLock.TryAcquire(path));
        }

        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
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
