using System.Collections.Concurrent;

namespace Faas.Worker.Images.Caching;

/// <summary>
/// Concurrent requests with the same key share one run of the work; each caller gets its progress from the moment it joins.
/// A caller that cancels only stops waiting; the work is cancelled when every caller has.
/// </summary>
internal sealed class SingleFlight<TResult>
{
    private readonly ConcurrentDictionary<string, Lazy<Flight>> flights = new(StringComparer.Ordinal);

    public async Task<TResult> RunAsync(
        string key,
        Func<IProgress<ImageProgress>, CancellationToken, Task<TResult>> work,
        IProgress<ImageProgress>? progress,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Lazy<Flight>? created = null;
            var lazy = flights.GetOrAdd(key, _ => created = new Lazy<Flight>(() => new Flight(work)));
            var flight = lazy.Value;
            if (ReferenceEquals(lazy, created))
            {
                _ = flight.Completion.ContinueWith(
                    _ => flights.TryRemove(new KeyValuePair<string, Lazy<Flight>>(key, lazy)),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            if (!flight.TryJoin(progress))
            {
                // Everyone before us gave up and the work is being cancelled: start afresh.
                flights.TryRemove(new KeyValuePair<string, Lazy<Flight>>(key, lazy));
                continue;
            }

            try
            {
                return await flight.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                flight.Leave(progress);
            }
        }
    }

    private sealed class Flight : IProgress<ImageProgress>, IDisposable
    {
        private readonly Lock gate = new();
        private readonly List<IProgress<ImageProgress>?> waiters = [];
        private readonly CancellationTokenSource cancellation = new();
        private readonly Func<IProgress<ImageProgress>, CancellationToken, Task<TResult>> work;
        private readonly TaskCompletionSource<TResult> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool started;
        private bool abandoned;

        public Flight(Func<IProgress<ImageProgress>, CancellationToken, Task<TResult>> work)
        {
            this.work = work;
        }

        public Task<TResult> Result => result.Task;

        /// <summary>Completes when the work has finished, whatever its outcome (never faults).</summary>
        public Task Completion => result.Task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public bool TryJoin(IProgress<ImageProgress>? progress)
        {
            lock (gate)
            {
                if (abandoned)
                {
                    return false;
                }

                waiters.Add(progress);
                if (!started)
                {
                    started = true;
                    _ = Task.Run(RunAsync);
                }

                return true;
            }
        }

        public void Leave(IProgress<ImageProgress>? progress)
        {
            lock (gate)
            {
                waiters.Remove(progress);
                if (waiters.Count == 0 && !result.Task.IsCompleted)
                {
                    abandoned = true;
                    cancellation.Cancel();
                }
            }
        }

        public void Report(ImageProgress value)
        {
            IProgress<ImageProgress>?[] snapshot;
            lock (gate)
            {
                snapshot = [.. waiters];
            }

            foreach (var waiter in snapshot)
            {
                waiter?.Report(value);
            }
        }

        private async Task RunAsync()
        {
            try
            {
                result.TrySetResult(await work(this, cancellation.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException exception)
            {
                result.TrySetCanceled(exception.CancellationToken);
            }
            catch (Exception exception)
            {
                result.TrySetException(exception);
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                abandoned = true;
                cancellation.Dispose();
            }
        }
    }
}
