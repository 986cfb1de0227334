namespace Faas.Vmm.Host;

/// <summary>Reads /proc, /sys and /dev to tell what virtualization this host really has.</summary>
/// <param name="rootDirectory">The file system root to read from; tests pass a fake tree.</param>
public sealed class HostVirtualizationProbe(string rootDirectory = "/")
{
    private static readonly string[] KnownKvmModules = ["kvm_intel", "kvm_amd", "kvm_pvm"];

    public HostVirtualization Detect()
    {
        var (model, flags) = ReadCpuInfo();
        var modules = KnownKvmModules.Where(m => Directory.Exists(PathOf($"sys/module/{m}"))).ToArray();
        var (kind, detail) = ClassifyKvm(flags, modules);
        return new HostVirtualization(model, flags, modules, kind, detail);
    }

    private (string Model, string[] Flags) ReadCpuInfo()
    {
        var path = PathOf("proc/cpuinfo");
        if (!File.Exists(path))
        {
            return ("unknown", []);
        }

        string model = "unknown";
        string[] flags = [];
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name" && model == "unknown")
            {
                model = value;
            }
            else if (key == "flags" && flags.Length == 0)
            {
                var all = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                flags = [.. all.Where(f => f is "vmx" or "svm" or "hypervisor")];
            }
        }

        return (model, flags);
    }

    private (KvmKind Kind, string Detail) ClassifyKvm(string[] flags, string[] modules)
    {
        var device = PathOf("dev/kvm");
        if (!File.Exists(device))
        {
            return (KvmKind.Absent, "/dev/kvm does not exist");
        }

        var openError = TryOpen(device);
        if (openError is not null)
        {
            return (KvmKind.Unusable, $"/dev/kvm cannot be opened: {openError}");
        }

        if (modules.Contains("kvm_pvm"))
        {
            return (KvmKind.Pvm, "/dev/kvm is provided by kvm_pvm: guest kernel mode is emulated instruction by instruction and a stock Linux kernel does not boot on it");
        }

        if (flags.Contains("vmx") || flags.Contains("svm"))
        {
            var module = modules.FirstOrDefault() ?? "kvm";
            var detail = $"/dev/kvm is hardware KVM ({module}, CPU flag {(flags.Contains("vmx") ? "vmx" : "svm")})";
            return (KvmKind.Hardware, flags.Contains("hypervisor")
                ? $"{detail}, nested: this host is itself a VM (CPU flag hypervisor), so its virtualization is provided (or emulated) by another hypervisor and timings here are not bare-metal timings"
                : detail);
        }

        return (KvmKind.Unusable, "/dev/kvm exists but the CPU reports neither vmx nor svm and no known KVM module is loaded");
    }

    private static string? TryOpen(string device)
    {
        try
        {
            using var stream = new FileStream(device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private string PathOf(string relative) => Path.Combine(rootDirectory, relative);
}
