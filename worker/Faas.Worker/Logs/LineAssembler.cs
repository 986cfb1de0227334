using System.Text;

namespace Faas.Worker.Logs;

/// <summary>Cuts one output stream of one process into lines as its chunks arrive; a line longer than the limit is split. Not thread-safe: one per stream.</summary>
internal sealed class LineAssembler(Action<string> emit, int maxLineBytes = LineAssembler.DefaultMaxLineBytes)
{
    public const int DefaultMaxLineBytes = 16 * 1024;

    private readonly byte[] _pending = new byte[maxLineBytes];
    private int _length;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var take = newline < 0 ? chunk.Length : newline;
            var room = _pending.Length - _length;
            if (take >= room)
            {
                chunk[..room].CopyTo(_pending.AsSpan(_length));
                _length += room;
                EmitPending();
                chunk = chunk[room..];
                continue;
            }

            chunk[..take].CopyTo(_pending.AsSpan(_length));
            _length += take;
            if (newline < 0)
            {
                return;
            }

            EmitPending();
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>Emits what is left when the stream ends without a final line break.</summary>
    public void Flush()
    {
        if (_length > 0)
        {
            EmitPending();
        }
    }

    private void EmitPending()
    {
        var line = _pending.AsSpan(0, _length);
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        emit(Encoding.UTF8.GetString(line));
        _length = 0;
    }
}
