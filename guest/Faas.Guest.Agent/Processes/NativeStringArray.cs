using System.Runtime.InteropServices;
using System.Text;

namespace Faas.Guest.Agent.Processes;

/// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings in native memory, as argv and envp.</summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly int _count;
    private byte** _strings;

    public NativeStringArray(IReadOnlyCollection<string> values)
    {
        _count = values.Count;
        _strings = (byte**)NativeMemory.AllocZeroed((nuint)(_count + 1), (nuint)sizeof(byte*));
        var index = 0;
        foreach (var value in values)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            var text = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(value, new Span<byte>(text, length));
            text[length] = 0;
            _strings[index++] = text;
        }
    }

    public byte** Pointer => _strings;

    public void Dispose()
    {
        if (_strings is null)
        {
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            NativeMemory.Free(_strings[i]);
        }

        NativeMemory.Free(_strings);
        _strings = null;
    }
}
