using Faas.Worker.Images;
using Faas.Worker.Images.Caching;

namespace Faas.Worker.Tests.Images.Caching;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task A_caller_that_cancels_leaves_the_work_running_for_the_others()
    {
        var flight = new SingleFlight<int>();
        var release = new TaskCompletionSource();
        var runs = 0;
        CancellationToken workToken = default;
        async Task<int> Work(IProgress<ImageProgress> progress, CancellationToken token)
        {
            Interlocked.Increment(ref runs);
            workToken = token;
            await release.Task.WaitAsync(token);
            return 42;
        }

        using var impatient = new CancellationTokenSource();
        var first = flight.RunAsync("key", Work, null, impatient.Token);
        var second = flight.RunAsync("key", Work, null, CancellationToken.None);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(workToken.IsCancellationRequested);
        release.SetResult();
        Assert.Equal(42, await second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_work_is_cancelled_when_every_caller_has_cancelled()
    {
        var flight = new SingleFlight<int>();
        var cancelled = new TaskCompletionSource();
        async Task<int> Work(IProgress<ImageProgress> progress, CancellationToken token)
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }

        using var one = new CancellationTokenSource();
        using var two = new CancellationTokenSource();
        var first = flight.RunAsync("key", Work, null, one.Token);
        var second = flight.RunAsync("key", Work, null, two.Token);
        await one.CancelAsync();
        await two.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_failure_reaches_every_caller_and_the_next_call_runs_again()
    {
        var flight = new SingleFlight<int>();
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task<int> Failing(IProgress<ImageProgress> progress, CancellationToken token)
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            throw new ImageException(ImageErrorKind.NotFound, "ref", "not found");
        }

        var first = flight.RunAsync("key", Failing, null, CancellationToken.None);
        var second = flight.RunAsync("key", Failing, null, CancellationToken.None);
        release.SetResult();

        await Assert.ThrowsAsync<ImageException>(() => first);
        await Assert.ThrowsAsync<ImageException>(() => second);
        Assert.Equal(1, runs);
        Assert.Equal(7, await flight.RunAsync("key", (_, _) => Task.FromResult(7), null, CancellationToken.None));
    }

    [Fact]
    public async Task Every_caller_receives_progress()
    {
        var flight = new SingleFlight<int>();
        var joined = new TaskCompletionSource();
        async Task<int> Work(IProgress<ImageProgress> progress, CancellationToken token)
        {
            await joined.Task;
            progress.Report(new ImageProgress("ref", ImagePhase.Pulling));
            return 1;
        }

        var first = new Support.RecordingProgress();
        var second = new Support.RecordingProgress();
        var one = flight.RunAsync("key", Work, first, CancellationToken.None);
        var two = flight.RunAsync("key", Work, second, CancellationToken.None);
        joined.SetResult();
        await Task.WhenAll(one, two);

        Assert.Equal([ImagePhase.Pulling], first.Phases);
        Assert.Equal([ImagePhase.Pulling], second.Phases);
    }
}
