using System.Runtime.InteropServices;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Interop;

namespace Faas.Vmm.Vstate;

/// <summary>
/// A guest's physical memory, one mapping from guest physical address 0: anonymous for a boot, or a private copy-on-write
/// mapping of a snapshot's memory file for a restore (every clone shares the file's pages until it writes them). Device
/// accesses are bounds-checked and may come from any thread; disposal waits for the ones in flight.
/// </summary>
public sealed unsafe class GuestMemory : IGuestMemory, IDisposable
{
    public const int PageSize = 4096;

    private byte* _host;
    private int _accesses;
    private volatile bool _disposed;

    private GuestMemory(byte* host, ulong size)
    {
        _host = host;
        Size = size;
    }

    public ulong Size { get; }

    /// <summary>The file this memory is a private copy-on-write mapping of; null for anonymous memory.</summary>
    public string? BackingFile { get; private set; }

    /// <summary>Where the guest's physical address 0 is in this process (for KVM_SET_USER_MEMORY_REGION).</summary>
    internal nint HostAddress => (nint)_host;

    /// <summary>Zero-filled anonymous memory; pages are only backed when touched.</summary>
    /// <exception cref="KvmException">The mapping failed.</exception>
    public static GuestMemory CreateAnonymous(ulong size)
    {
        RequireSize(size);
        var host = LibC.mmap(null, (nuint)size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0);
        if ((nint)host == LibC.MAP_FAILED)
        {
            throw new KvmException($"mmap of {size} bytes of guest memory", Marshal.GetLastPInvokeError());
        }

        return new GuestMemory((byte*)host, size);
    }

    /// <summary>
    /// Maps <paramref name="path"/> MAP_PRIVATE: the guest reads the file's pages, its writes go to private copies and never
    /// reach the file. The file must hold at least <paramref name="size"/> bytes.
    /// </summary>
    /// <exception cref="KvmException">The file cannot be opened, is too short, or the mapping failed.</exception>
    public static GuestMemory MapPrivate(string path, ulong size)
    {
        var memory = CreateAnonymous(size);
        try
        {
            memory.ReplaceWithFile(path);
            return memory;
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replaces this memory's contents, in place, with a MAP_PRIVATE mapping of <paramref name="path"/> (MAP_FIXED over the same
    /// host addresses, so a KVM memory slot already pointing here now sees the file). Only before the guest has run.
    /// </summary>
    /// <exception cref="KvmException">The file cannot be opened, is too short, or the mapping failed.</exception>
    public void ReplaceWithFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new KvmException($"open of the memory file '{path}'", Marshal.GetLastPInvokeError());
        }

        try
        {
            var length = new FileInfo(path).Length;
            if ((ulong)length < Size)
            {
                throw new KvmException($"the memory file '{path}' holds {length} bytes; the guest has {Size}");
            }

            var host = LibC.mmap(_host, (nuint)Size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_FIXED | LibC.MAP_NORESERVE, fd, 0);
            if ((nint)host == LibC.MAP_FAILED)
            {
                throw new KvmException($"mmap of the memory file '{path}'", Marshal.GetLastPInvokeError());
            }

            BackingFile = path;
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    public bool TryRead(ulong address, Span<byte> destination)
    {
        if (!Contains(address, (ulong)destination.Length) || !Enter())
        {
            return false;
        }

        try
        {
            new ReadOnlySpan<byte>(_host + address, destination.Length).CopyTo(destination);
            return true;
        }
        finally
        {
            Exit();
        }
    }

    public bool TryWrite(ulong address, ReadOnlySpan<byte> source)
    {
        if (!Contains(address, (ulong)source.Length) || !Enter())
        {
            return false;
        }

        try
        {
            source.CopyTo(new Span<byte>(_host + address, source.Length));
            return true;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Reads a little-endian 64-bit value; false when it lies outside guest memory.</summary>
    public bool TryReadUInt64(ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        var read = TryRead(address, bytes);
        value = read ? BitConverter.ToUInt64(bytes) : 0;
        return read;
    }

    /// <summary>Guest memory as a span, for the VMM's own loaders and snapshots (not for devices: no guard against disposal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside guest memory.</exception>
    internal Span<byte> Slice(ulong address, ulong length)
    {
        if (!Contains(address, length) || length > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x}+0x{length:x} is outside the guest's 0x{Size:x} bytes of memory");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<byte>(_host + address, (int)length);
    }

    /// <summary>Unmaps the memory once the device accesses in flight are done; accesses after that fail.</summary>
    public void Dispose()
    {
        _disposed = true;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _accesses) != 0)
        {
            spinner.SpinOnce();
        }

        var host = _host;
        _host = null;
        if (host is not null)
        {
            _ = LibC.munmap(host, (nuint)Size);
        }
    }

    private bool Contains(ulong address, ulong length) => address <= Size && length <= Size - address;

    private bool Enter()
    {
        Interlocked.Increment(ref _accesses);
        if (_disposed)
        {
            Interlocked.Decrement(ref _accesses);
            return false;
        }

        return true;
    }

    private void Exit() => Interlocked.Decrement(ref _accesses);

    private static void RequireSize(ulong size)
    {
        if (size == 0 || size % PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"guest memory must be a non-zero multiple of {PageSize} bytes, not {size}");
        }
    }
}
