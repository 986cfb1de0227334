namespace Faas.Guest.Artifacts.Caching;

/// <summary>
/// An exclusive lock on a file shared by every process on the host: on Linux, opening with
/// <see cref="FileShare.None"/> takes flock(LOCK_EX), released when the file is closed or the process dies.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream stream;

    private FileLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static async Task<FileLock> AcquireAsync(string path, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var reported = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException exception) when (exception.GetType() == typeof(IOException))
            {
                if (!reported)
                {
                    progress?.Report($"waiting for another process that holds {path}");
                    reported = true;
                }

                await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
