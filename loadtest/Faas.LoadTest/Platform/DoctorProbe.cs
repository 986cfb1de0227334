using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Faas.LoadTest.HostInfo;

namespace Faas.LoadTest.Platform;

/// <summary>Runs <c>faas doctor --json</c> and reads which backends can run Linux guests on this host.</summary>
public static class DoctorProbe
{
    public const string Qemu = "qemu";
    public const string Kvm = "kvm";

    /// <exception cref="PlatformStartException">faas doctor gave no JSON.</exception>
    public static async Task<BackendSurvey> RunAsync(FaasExecutable faas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faas);
        var result = await faas.Command("doctor", "--json").WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(result.StandardOutput);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PlatformStartException($"faas doctor --json did not describe the host (exit {result.ExitCode}): {result.StandardError}", e);
        }
    }

    /// <summary>QEMU runs Linux guests wherever it is installed (TCG at worst); the built-in kvm backend only on hardware KVM.</summary>
    public static BackendSurvey Parse(string doctorJson)
    {
        using var document = JsonDocument.Parse(doctorJson);
        var root = document.RootElement;
        var host = root.GetProperty("host");
        var kvm = host.GetProperty("kvm").GetString() ?? "";
        var kvmDetail = host.GetProperty("kvmDetail").GetString() ?? "";
        var machine = new MachineFigures(Environment.ProcessorCount, host.GetProperty("cpuModel").GetString() ?? "", MachineFigures.MemoryTotalGiB(), kvm, kvmDetail);
        var hasQemu = root.TryGetProperty("qemu", out var qemu) && qemu.ValueKind == JsonValueKind.String;
        var backend = root.TryGetProperty("backend", out var choice) && choice.ValueKind == JsonValueKind.Object ? choice : (JsonElement?)null;
        var hardware = kvm == "Hardware";
        var linuxBackends = new List<string>();
        if (hasQemu)
        {
            linuxBackends.Add(Qemu);
        }

        if (hardware)
        {
            linuxBackends.Add(Kvm);
        }

        var note = (hasQemu, hardware) switch
        {
            (true, true) => "both qemu (with -accel kvm) and the built-in kvm backend run Linux guests on this host; each is measured",
            (true, false) when kvm == "Pvm" =>
                "only qemu with TCG software emulation runs Linux guests on this host: /dev/kvm is kvm_pvm (no VMX/SVM), on which the built-in kvm backend runs synthetic guests only, so there is one backend to measure",
            (true, false) => $"only qemu with TCG software emulation runs Linux guests on this host ({kvmDetail}), so there is one backend to measure",
            (false, true) => "only the built-in kvm backend can run here (QEMU is not installed)",
            _ => "no backend can run Linux guests on this host",
        };
        return new BackendSurvey(
            machine,
            backend?.GetProperty("backend").GetString() ?? "none",
            backend?.GetProperty("accelerator").GetString() ?? "none",
            backend?.GetProperty("reason").GetString() ?? (root.TryGetProperty("problem", out var problem) ? problem.GetString() ?? "" : ""),
            linuxBackends,
            note);
    }
}
