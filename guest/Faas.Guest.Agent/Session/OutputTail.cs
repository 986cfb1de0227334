using System.Text;
using Faas.Guest.Protocol;

namespace Faas.Guest.Agent.Session;

/// <summary>
/// The last lines a program wrote to stdout and stderr, to explain why it stopped. Each stream is split into lines
/// on its own, so that chunks of the two streams never mix within a line. Thread-safe.
/// </summary>
internal sealed class OutputTail(int maxLines = OutputTail.DefaultMaxLines)
{
    public const int DefaultMaxLines = 20;

    /// <summary>Longer lines are cut, so that a program writing without newlines cannot grow the tail.</summary>
    public const int MaxLineBytes = 1024;

    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _lines = new();
    private readonly Dictionary<MessageType, List<byte>> _partialLines = [];

    public void Append(MessageType stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            var partial = PartialLine(stream);
            while (!data.IsEmpty)
            {
                var newline = data.IndexOf((byte)'\n');
                var piece = newline < 0 ? data : data[..newline];
                var room = MaxLineBytes - partial.Count;
                if (room > 0)
                {
                    partial.AddRange(piece[..Math.Min(room, piece.Length)]);
                }

                if (newline < 0)
                {
                    break;
                }

                Keep([.. partial]);
                partial.Clear();
                data = data[(newline + 1)..];
            }
        }
    }

    /// <summary>The kept lines, oldest first, each ended by a newline; lines not yet ended count as lines.</summary>
    public string Text()
    {
        lock (_gate)
        {
            var lines = _lines.Concat(_partialLines.Values.Where(partial => partial.Count > 0).Select(partial => partial.ToArray())).ToList();
            var text = new StringBuilder();
            foreach (var line in lines.Skip(Math.Max(0, lines.Count - maxLines)))
            {
                text.Append(Encoding.UTF8.GetString(line)).Append('\n');
            }

            return text.ToString();
        }
    }

    private List<byte> PartialLine(MessageType stream)
    {
        if (!_partialLines.TryGetValue(stream, out var partial))
        {
            partial = [];
            _partialLines[stream] = partial;
        }

        return partial;
    }

    private void Keep(byte[] line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > maxLines)
        {
            _lines.Dequeue();
        }
    }
}
