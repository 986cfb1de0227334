using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Cli.Hosting;
using Faas.Guest.Artifacts;
using Faas.Vmm.Host;

namespace Faas.Cli.Commands;

/// <summary>faas doctor: what this host can run, and why.</summary>
public static class DoctorCommand
{
    private const string Help = """
        Check this host: CPU virtualization flags, whether /dev/kvm is hardware KVM or kvm_pvm, the QEMU version,
        the guest kernel / agent / initramfs caches, and which VM backend will be used, with the reason.
        Exits non-zero when no backend can run here.

        Examples:
          faas doctor
          faas doctor --json
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var doctor = new Command("doctor", Help) { json };
        doctor.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(json), cancellationToken));
        return doctor;
    }

    private static async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {
        var host = new HostVirtualizationProbe().Detect();
        var qemu = await ToolVersion.QueryAsync("qemu-system-x86_64", cancellationToken);
        var artifacts = await new GuestArtifacts().GetStatusAsync(cancellationToken);
        BackendChoice? backend = null;
        string? problem = null;
        if (qemu is null)
        {
            problem = "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86); ./faas installs it on first use";
        }
        else
        {
            backend = BackendSelector.Choose(host);
        }

        var report = new DoctorReport(host, qemu, artifacts, backend, problem);
        Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Format(report));
        return problem is null ? 0 : 1;
    }

    private static string Format(DoctorReport report)
    {
        var host = report.Host;
        var text = new StringBuilder();
        void Line(string name, string value) => text.AppendLine($"{name,-14} {value}");

        Line("cpu", host.CpuModel);
        Line("cpu flags", host.VirtualizationFlags.Count == 0 ? "no vmx, svm or hypervisor flag" : string.Join(' ', host.VirtualizationFlags)
            + (host.HasHardwareVirtualization ? "" : " (no hardware virtualization: no vmx/svm)"));
        Line("kvm modules", host.KvmModules.Count == 0 ? "none loaded" : string.Join(' ', host.KvmModules));
        Line("/dev/kvm", $"{host.Kvm}: {host.KvmDetail}");
        Line("qemu", report.Qemu ?? "not installed");
        foreach (var artifact in report.Artifacts)
        {
            Line(artifact.Name, artifact.Cached ? $"cached ({artifact.Key}) {artifact.Path}" : $"not built yet ({artifact.Key}); built on first use");
        }

        Line("backend", report.Backend is { } b ? $"{b.Backend} ({b.Accelerator}): {b.Reason}" : "none");
        if (report.Problem is { } problem)
        {
            Line("problem", problem);
        }

        return text.ToString().TrimEnd();
    }
}
