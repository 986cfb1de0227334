using System.Runtime.InteropServices;
using Faas.Scheduler.Storage.Interop;

namespace Faas.Scheduler.Storage;

/// <summary>Replaces or deletes a file so that a crash leaves the old content or the new one, never a part, and the change is on disk when it returns.</summary>
internal static class DurableFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            SyncDirectory(directory);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Makes a rename or unlink in <paramref name="directory"/> durable.</summary>
    private static void SyncDirectory(string directory)
    {
        var fd = LibC.open(directory, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (LibC.fsync(fd) != 0)
            {
                throw new IOException($"cannot sync directory {directory}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
