namespace Faas.Common.IO;

/// <summary>
/// An exclusive lock on a file shared by every process on the host (and every holder in this one): on Linux, opening with
/// <see cref="FileShare.None"/> takes flock(LOCK_EX), released when the file is closed or the process dies.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private FileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock is free, creating its directory if need be.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="onWait">Told once, with a message naming the lock, when someone else holds it.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<FileLock> AcquireAsync(string path, Action<string>? onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
                onWait?.Invoke($"waiting for another process that holds {path}");
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

    public void Dispose() => _stream.Dispose();
}
