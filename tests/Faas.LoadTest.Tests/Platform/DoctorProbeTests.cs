using Faas.LoadTest.Platform;

namespace Faas.LoadTest.Tests.Platform;

public sealed class DoctorProbeTests
{
    private const string PvmHost = """
        {
          "host": { "cpuModel": "AMD EPYC", "virtualizationFlags": ["hypervisor"], "kvmModules": ["kvm_pvm"], "kvm": "Pvm",
                    "kvmDetail": "/dev/kvm is provided by kvm_pvm", "hasHardwareVirtualization": false, "runsUnderHypervisor": true },
          "qemu": "QEMU emulator version 7.2.22",
          "artifacts": [],
          "backend": { "backend": "qemu", "accelerator": "tcg", "reason": "QEMU microvm with TCG software emulation" },
          "problem": null
        }
        """;

    [Fact]
    public void On_kvm_pvm_only_qemu_runs_linux_guests_and_the_note_says_why()
    {
        var survey = DoctorProbe.Parse(PvmHost);

        Assert.Equal(["qemu"], survey.LinuxBackends);
        Assert.Equal("tcg", survey.DefaultAccelerator);
        Assert.Contains("kvm_pvm", survey.Note, StringComparison.Ordinal);
        Assert.Equal("Pvm", survey.Machine.Kvm);
        Assert.Equal(Environment.ProcessorCount, survey.Machine.Cores);
    }

    [Fact]
    public void On_hardware_kvm_both_backends_are_measured()
    {
        var survey = DoctorProbe.Parse(PvmHost.Replace("\"kvm\": \"Pvm\"", "\"kvm\": \"Hardware\"", StringComparison.Ordinal));

        Assert.Equal(["qemu", "kvm"], survey.LinuxBackends);
    }

    [Fact]
    public async Task This_host_is_described_by_the_real_faas_doctor()
    {
        var survey = await DoctorProbe.RunAsync(FaasExecutable.InDirectory(AppContext.BaseDirectory), TestContext.Current.CancellationToken);

        Assert.Contains("qemu", survey.LinuxBackends);
        Assert.NotEmpty(survey.Note);
    }
}
