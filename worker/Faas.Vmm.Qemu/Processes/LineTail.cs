namespace Faas.Vmm.Qemu.Processes;

/// <summary>Keeps the last lines written to it; safe to write from one task and read from another.</summary>
internal sealed class LineTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Join('\n', _lines);
        }
    }
}
