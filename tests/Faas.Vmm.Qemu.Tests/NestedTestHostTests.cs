using System.Diagnostics;
using System.Globalization;
using Faas.Tests.Shared;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

/// <summary>
/// tests/Nested/l1.sh, the nested test host the kvm backend's tests run in: a command's output and exit status come back,
/// /dev/kvm is there, and its QEMU never outlives it (timeout, SIGKILL).
/// </summary>
public sealed class NestedTestHostTests
{
    private static readonly TimeSpan ProcessGoneLimit = TimeSpan.FromSeconds(5);
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "tests", "Nested", "l1.sh");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_runs_in_the_checkout_with_dev_kvm_and_its_output_and_exit_status_come_back()
    {
        using var host = Start("--memory", "1024", "--", "bash", "-c", "echo \"in $PWD on $(uname -r)\"; test -c /dev/kvm && echo kvm; exit 7");
        var output = await host.StandardOutput.ReadToEndAsync(Token);
        await host.WaitForExitAsync(Token);
        SkipWithoutSvmEmulation(host);

        Assert.Equal(7, host.ExitCode);
        Assert.Contains($"in {Environment.CurrentDirectory} on 6.", output, StringComparison.Ordinal);
        Assert.Contains("\nkvm\n", output, StringComparison.Ordinal);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(QemuName(host), ProcessGoneLimit));
    }

    [Fact]
    public async Task A_command_that_outlives_the_timeout_is_killed_with_its_qemu()
    {
        using var host = Start("--memory", "1024", "--timeout", "20", "--", "sleep", "600");
        await host.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromMinutes(2), Token);
        SkipWithoutSvmEmulation(host);

        Assert.Equal(124, host.ExitCode);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(QemuName(host), ProcessGoneLimit));
    }

    [Fact]
    public async Task SIGKILL_of_l1_sh_kills_its_qemu()
    {
        using var host = Start("--memory", "1024", "--", "bash", "-c", "echo ready; sleep 600");
        if (!await ReadUntilAsync(host, "ready"))
        {
            await host.WaitForExitAsync(Token);
            SkipWithoutSvmEmulation(host);
            Assert.Fail($"l1.sh ended ({host.ExitCode}) before its command started");
        }

        Assert.NotEmpty(ProcFs.ProcessesMentioning(QemuName(host)));

        host.Kill();
        await host.WaitForExitAsync(Token);

        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(QemuName(host), ProcessGoneLimit));
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Environment.CurrentDirectory };
        start.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("l1.sh did not start");
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return process;
    }

    private static async Task<bool> ReadUntilAsync(Process host, string expected)
    {
        while (await host.StandardOutput.ReadLineAsync(Token) is { } line)
        {
            if (line == expected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>l1.sh names its QEMU after its own pid.</summary>
    private static string QemuName(Process host) => $"faas-l1-{host.Id.ToString(CultureInfo.InvariantCulture)}-vm";

    private static void SkipWithoutSvmEmulation(Process host)
    {
        if (host.HasExited && host.ExitCode == 77)
        {
            Assert.Skip("this QEMU does not emulate AMD SVM: the test host has no /dev/kvm");
        }
    }
}
