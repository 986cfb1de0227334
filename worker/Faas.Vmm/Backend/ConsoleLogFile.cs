using System.Text;

namespace Faas.Vmm.Backend;

/// <summary>The serial console's output in a file, flushed at every line end; and its tail for error reports.</summary>
internal sealed class ConsoleLogFile : IDisposable
{
    private const int TailBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly FileStream _file;
    private bool _closed;

    public ConsoleLogFile(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096);
    }

    public string Path { get; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _file.Write(bytes);
            if (bytes.Contains((byte)'\n'))
            {
                _file.Flush();
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines written, or null when there are none.</summary>
    public string? Tail(int lines = 30)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _file.Flush();
            }
        }

        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.Seek(Math.Max(0, file.Length - TailBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(file, Encoding.UTF8);
            var text = reader.ReadToEnd().Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd('\n');
            if (text.Length == 0)
            {
                return null;
            }

            var all = text.Split('\n');
            return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _file.Dispose();
        }
    }
}
