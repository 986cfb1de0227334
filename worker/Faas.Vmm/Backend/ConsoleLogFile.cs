namespace Faas.Vmm.Backend;

/// <summary>The serial console's output in a file, flushed at every line end; and its tail for error reports.</summary>
internal sealed class ConsoleLogFile : IDisposable
{
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

        return ConsoleTail.Read(Path, lines);
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
