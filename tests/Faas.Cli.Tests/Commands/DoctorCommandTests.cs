using System.Text.Json;

namespace Faas.Cli.Tests.Commands;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Reports_kvm_kind_qemu_and_the_chosen_backend_with_a_reason()
    {
        var result = await FaasProcess.RunAsync("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        Assert.StartsWith("QEMU emulator version", root.GetProperty("qemu").GetString(), StringComparison.Ordinal);
        var kvm = root.GetProperty("host").GetProperty("kvm").GetString();
        var backend = root.GetProperty("backend");
        Assert.Equal("qemu", backend.GetProperty("backend").GetString());
        Assert.False(string.IsNullOrWhiteSpace(backend.GetProperty("reason").GetString()));
        var expectedAccelerator = kvm == "Hardware" ? "kvm" : "tcg";
        Assert.Equal(expectedAccelerator, backend.GetProperty("accelerator").GetString());
        if (Directory.Exists("/sys/module/kvm_pvm"))
        {
            Assert.Equal("Pvm", kvm);
            Assert.Contains("kvm_pvm", backend.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        var artifacts = root.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToArray();
        Assert.Contains(artifacts, name => name!.Contains("kernel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_report_names_the_backend_line()
    {
        var result = await FaasProcess.RunAsync("doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/dev/kvm", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("backend        qemu", result.StandardOutput, StringComparison.Ordinal);
    }
}
