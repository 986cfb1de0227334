namespace Faas.Worker.Images.Caching;

/// <summary>
/// An exclusive lock on a file shared by every process on the host (and every holder in this one): on Linux, opening with
/// <see cref="FileShare.None"/> takes flock(LOCK_EX), released when the file is closed or the process dies.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream stream;

    private FileLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static async Task<FileLock> AcquireAsync(string path, Action? onWait, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            if (!waited)
            {
                onWait?.Invoke();
                waited = true;
            }

            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when someone else holds the lock.</summary>
    public static FileLock? TryAcquire(string path)
    {
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception) when (exception.GetType() == typeof(IOException))
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
