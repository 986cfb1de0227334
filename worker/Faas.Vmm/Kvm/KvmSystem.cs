using System.Runtime.InteropServices;
using Faas.Vmm.Kvm.Interop;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Kvm;

/// <summary>/dev/kvm: the host's capabilities and the factory of VMs. One per process is enough; it is thread-safe.</summary>
public sealed class KvmSystem : IDisposable
{
    public const string DevicePath = "/dev/kvm";

    /// <summary>Enough for every leaf and subleaf a current host reports (KVM_MAX_CPUID_ENTRIES is 256).</summary>
    private const int MaxCpuidEntries = 256;

    private const int MaxMsrIndices = 1024;

    private static readonly Lock SharedLock = new();
    private static KvmSystem? _shared;

    private readonly FileDescriptor _fd;
    private readonly Lazy<kvm_cpuid_entry2[]> _supportedCpuid;
    private readonly Lazy<uint[]> _msrIndexList;

    private KvmSystem(FileDescriptor fd)
    {
        _fd = fd;
        VcpuMmapSize = KvmException.ThrowIfFailed(LibC.ioctl(fd.Value, Ioctls.KVM_GET_VCPU_MMAP_SIZE, 0), "KVM_GET_VCPU_MMAP_SIZE");
        _supportedCpuid = new Lazy<kvm_cpuid_entry2[]>(ReadSupportedCpuid);
        _msrIndexList = new Lazy<uint[]>(ReadMsrIndexList);
    }

    /// <summary>Bytes of the per-vCPU page KVM shares (kvm_run and the port I/O data after it).</summary>
    public int VcpuMmapSize { get; }

    /// <summary>One /dev/kvm for the whole process, opened on first use and never closed.</summary>
    /// <exception cref="KvmException">/dev/kvm cannot be opened or speaks another API version.</exception>
    public static KvmSystem Shared
    {
        get
        {
            lock (SharedLock)
            {
                return _shared ??= Open();
            }
        }
    }

    /// <exception cref="KvmException">/dev/kvm cannot be opened or speaks another API version.</exception>
    public static KvmSystem Open(string path = DevicePath)
    {
        var fd = LibC.open(path, LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new KvmException($"open {path}", errno);
        }

        var descriptor = new FileDescriptor(fd);
        try
        {
            var version = LibC.ioctl(fd, Ioctls.KVM_GET_API_VERSION, 0);
            if (version != KvmConstants.KVM_API_VERSION)
            {
                throw new KvmException($"{path} speaks KVM API version {version}; this VMM needs {KvmConstants.KVM_API_VERSION}");
            }

            return new KvmSystem(descriptor);
        }
        catch
        {
            descriptor.Dispose();
            throw;
        }
    }

    /// <summary>KVM_CHECK_EXTENSION: 0 when the capability is missing, otherwise 1 or a capability-specific number.</summary>
    public int CheckExtension(int capability)
    {
        var result = LibC.ioctl(_fd.Value, Ioctls.KVM_CHECK_EXTENSION, (nuint)capability);
        return result < 0 ? 0 : result;
    }

    /// <summary>KVM_CREATE_VM: a VM with no memory, no vCPUs and no irqchip yet.</summary>
    internal KvmVmFd CreateVm()
    {
        var fd = KvmException.ThrowIfFailed(LibC.ioctl(_fd.Value, Ioctls.KVM_CREATE_VM, 0), "KVM_CREATE_VM");
        return new KvmVmFd(new FileDescriptor(fd), this);
    }

    /// <summary>KVM_GET_SUPPORTED_CPUID: every leaf KVM can offer a guest on this host (a copy; read once per process).</summary>
    internal kvm_cpuid_entry2[] GetSupportedCpuid() => (kvm_cpuid_entry2[])_supportedCpuid.Value.Clone();

    /// <summary>KVM_GET_MSR_INDEX_LIST: the MSRs KVM can save and restore (read once per process).</summary>
    internal IReadOnlyList<uint> GetMsrIndexList() => _msrIndexList.Value;

    public void Dispose()
    {
        if (ReferenceEquals(this, _shared))
        {
            return;
        }

        _fd.Dispose();
    }

    private unsafe kvm_cpuid_entry2[] ReadSupportedCpuid()
    {
        var size = sizeof(kvm_cpuid2) + (MaxCpuidEntries * sizeof(kvm_cpuid_entry2));
        var buffer = new byte[size];
        fixed (byte* pointer = buffer)
        {
            var header = (kvm_cpuid2*)pointer;
            header->nent = MaxCpuidEntries;
            KvmException.ThrowIfFailed(LibC.ioctl(_fd.Value, Ioctls.KVM_GET_SUPPORTED_CPUID, pointer), "KVM_GET_SUPPORTED_CPUID");
            return new ReadOnlySpan<kvm_cpuid_entry2>(pointer + sizeof(kvm_cpuid2), (int)header->nent).ToArray();
        }
    }

    private unsafe uint[] ReadMsrIndexList()
    {
        var buffer = new uint[1 + MaxMsrIndices];
        fixed (uint* pointer = buffer)
        {
            var header = (kvm_msr_list*)pointer;
            header->nmsrs = MaxMsrIndices;
            KvmException.ThrowIfFailed(LibC.ioctl(_fd.Value, Ioctls.KVM_GET_MSR_INDEX_LIST, pointer), "KVM_GET_MSR_INDEX_LIST");
            return buffer.AsSpan(1, (int)header->nmsrs).ToArray();
        }
    }
}
