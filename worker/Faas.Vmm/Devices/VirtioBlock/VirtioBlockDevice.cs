using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Faas.Vmm.Devices.Virtio;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Vstate;
using Microsoft.Win32.SafeHandles;
using static Faas.Vmm.Devices.VirtioBlock.VirtioBlk;

namespace Faas.Vmm.Devices.VirtioBlock;

/// <summary>
/// A virtio block device backed by a file (a raw disk image), one request queue, requests served synchronously when the
/// driver notifies. A read-only device offers VIRTIO_BLK_F_RO and fails writes with VIRTIO_BLK_S_IOERR.
/// </summary>
public sealed class VirtioBlockDevice : IVirtioDevice, ISnapshotable, IDisposable
{
    public const ushort QueueSize = 256;
    public const int SectorSize = 512;

    /// <summary>Most bytes moved between the file and guest memory in one step.</summary>
    private const int TransferChunk = 128 * 1024;

    private static readonly ushort[] QueueSizes = [QueueSize];

    private readonly Lock _lock = new();
    private readonly SafeFileHandle _file;
    private readonly byte[] _config = new byte[ConfigSize];
    private readonly byte[] _id = new byte[VIRTIO_BLK_ID_BYTES];
    private readonly DescriptorChain _chain = new();
    private VirtQueue? _queue;
    private IVirtioInterrupt? _interrupt;

    /// <param name="path">The disk image; its size in whole 512-byte sectors is the capacity.</param>
    /// <param name="readOnly">Open the image read-only and tell the guest the disk is read-only.</param>
    public VirtioBlockDevice(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _file = File.OpenHandle(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, readOnly ? FileShare.Read : FileShare.None);
        ReadOnly = readOnly;
        CapacitySectors = (ulong)RandomAccess.GetLength(_file) / SectorSize;
        BinaryPrimitives.WriteUInt64LittleEndian(_config.AsSpan(ConfigCapacityOffset), CapacitySectors);
        BinaryPrimitives.WriteUInt32LittleEndian(_config.AsSpan(ConfigSegMaxOffset), QueueSize - 2u);
        var name = Encoding.UTF8.GetBytes(Path.GetFileName(path));
        name.AsSpan(0, Math.Min(name.Length, _id.Length)).CopyTo(_id);
    }

    public bool ReadOnly { get; }

    /// <summary>The disk's size in 512-byte sectors.</summary>
    public ulong CapacitySectors { get; }

    public uint DeviceType => VirtioIds.VIRTIO_ID_BLOCK;

    public ulong AvailableFeatures =>
        VirtioConfig.Feature(VirtioConfig.VIRTIO_F_VERSION_1)
        | VirtioConfig.Feature(VirtioConfig.VIRTIO_RING_F_INDIRECT_DESC)
        | VirtioConfig.Feature(VIRTIO_BLK_F_SEG_MAX)
        | VirtioConfig.Feature(VIRTIO_BLK_F_FLUSH)
        | (ReadOnly ? VirtioConfig.Feature(VIRTIO_BLK_F_RO) : 0);

    public IReadOnlyList<ushort> QueueMaxSizes => QueueSizes;

    public void ReadConfig(ulong offset, Span<byte> data)
    {
        data.Clear();
        if (offset < (ulong)_config.Length)
        {
            var available = _config.AsSpan((int)offset);
            available[..Math.Min(available.Length, data.Length)].CopyTo(data);
        }
    }

    public void WriteConfig(ulong offset, ReadOnlySpan<byte> data)
    {
        // The configuration is read-only without VIRTIO_BLK_F_CONFIG_WCE, which is not offered.
    }

    public bool Activate(IGuestMemory memory, IReadOnlyList<VirtQueue> queues, ulong ackedFeatures, IVirtioInterrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(interrupt);
        if (queues.Count != QueueSizes.Length)
        {
            return false;
        }

        lock (_lock)
        {
            _queue = queues[0];
            _interrupt = interrupt;
            ProcessRequests();
        }

        return true;
    }

    public void QueueNotify(int queue)
    {
        lock (_lock)
        {
            ProcessRequests();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _queue = null;
            _interrupt = null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _queue = null;
            _interrupt = null;
            _file.Dispose();
        }
    }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new VirtioBlockState(CapacitySectors, ReadOnly).Write(writer);
    }

    public void Restore(BinaryReader reader)
    {
        var state = VirtioBlockState.Read(reader);
        DeviceState.Require(state.CapacitySectors == CapacitySectors, $"the snapshot's disk had {state.CapacitySectors} sectors, this one has {CapacitySectors}");
        DeviceState.Require(state.ReadOnly == ReadOnly, "the snapshot's disk differs in being read-only");
        Reset();
    }

    private void ProcessRequests()
    {
        if (_queue is not { } queue || _interrupt is not { } interrupt)
        {
            return;
        }

        var returned = false;
        while (true)
        {
            var popped = queue.TryPop(_chain);
            if (popped == VirtQueuePopResult.Empty)
            {
                break;
            }

            if (popped == VirtQueuePopResult.Broken)
            {
                interrupt.SignalNeedsReset();
                break;
            }

            if (!queue.AddUsed(_chain.Head, Execute(_chain)))
            {
                interrupt.SignalNeedsReset();
                break;
            }

            returned = true;
        }

        if (returned)
        {
            interrupt.SignalUsedBuffers();
        }
    }

    /// <summary>Serves one request and writes its status into the chain's last writable byte.</summary>
    /// <returns>The bytes written into the chain.</returns>
    private uint Execute(DescriptorChain chain)
    {
        if (chain.WritableLength == 0)
        {
            // Without a status byte the driver cannot be told anything.
            return 0;
        }

        var statusOffset = chain.WritableLength - 1;
        Span<byte> header = stackalloc byte[RequestHeaderSize];
        var (status, dataWritten) = chain.TryRead(0, header)
            ? BinaryPrimitives.ReadUInt32LittleEndian(header) switch
            {
                VIRTIO_BLK_T_IN => ReadSectors(chain, BinaryPrimitives.ReadUInt64LittleEndian(header[8..]), statusOffset),
                VIRTIO_BLK_T_OUT => WriteSectors(chain, BinaryPrimitives.ReadUInt64LittleEndian(header[8..])),
                VIRTIO_BLK_T_FLUSH => Flush(),
                VIRTIO_BLK_T_GET_ID => GetId(chain, statusOffset),
                _ => (VIRTIO_BLK_S_UNSUPP, 0L),
            }
            : (VIRTIO_BLK_S_IOERR, 0L);

        return chain.TryWrite(statusOffset, [status]) ? (uint)(dataWritten + 1) : (uint)dataWritten;
    }

    private (byte Status, long Written) ReadSectors(DescriptorChain chain, ulong sector, long length)
    {
        if (!IsInDisk(sector, length))
        {
            return (VIRTIO_BLK_S_IOERR, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, TransferChunk));
        long done = 0;
        try
        {
            while (done < length)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done));
                if (!ReadFully(chunk, ((long)sector * SectorSize) + done) || !chain.TryWrite(done, chunk))
                {
                    return (VIRTIO_BLK_S_IOERR, done);
                }

                done += chunk.Length;
            }

            return (VIRTIO_BLK_S_OK, done);
        }
        catch (IOException)
        {
            return (VIRTIO_BLK_S_IOERR, done);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (byte Status, long Written) WriteSectors(DescriptorChain chain, ulong sector)
    {
        var length = chain.ReadableLength - RequestHeaderSize;
        if (ReadOnly || !IsInDisk(sector, length))
        {
            return (VIRTIO_BLK_S_IOERR, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, TransferChunk));
        try
        {
            long done = 0;
            while (done < length)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done));
                if (!chain.TryRead(RequestHeaderSize + done, chunk))
                {
                    return (VIRTIO_BLK_S_IOERR, 0);
                }

                RandomAccess.Write(_file, chunk, ((long)sector * SectorSize) + done);
                done += chunk.Length;
            }

            return (VIRTIO_BLK_S_OK, 0);
        }
        catch (IOException)
        {
            return (VIRTIO_BLK_S_IOERR, 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (byte Status, long Written) Flush()
    {
        if (ReadOnly)
        {
            return (VIRTIO_BLK_S_OK, 0);
        }

        try
        {
            RandomAccess.FlushToDisk(_file);
            return (VIRTIO_BLK_S_OK, 0);
        }
        catch (IOException)
        {
            return (VIRTIO_BLK_S_IOERR, 0);
        }
    }

    private (byte Status, long Written) GetId(DescriptorChain chain, long length)
    {
        var id = _id.AsSpan(0, (int)Math.Min(length, _id.Length));
        return chain.TryWrite(0, id) ? (VIRTIO_BLK_S_OK, id.Length) : (VIRTIO_BLK_S_IOERR, 0);
    }

    /// <summary>Whole sectors from <paramref name="sector"/> for <paramref name="length"/> bytes, all before the end of the disk.</summary>
    private bool IsInDisk(ulong sector, long length) =>
        length >= 0
        && length % SectorSize == 0
        && sector <= CapacitySectors
        && (ulong)(length / SectorSize) <= CapacitySectors - sector;

    private bool ReadFully(Span<byte> destination, long fileOffset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(_file, destination, fileOffset);
            if (read == 0)
            {
                return false;
            }

            destination = destination[read..];
            fileOffset += read;
        }

        return true;
    }
}
