namespace Faas.Cli.Tests.Commands;

/// <summary>`faas vm run` end to end: real CLI process, real QEMU, real guest kernel and agent.</summary>
public sealed class VmRunCommandTests
{
    [Fact]
    public async Task Uname_prints_the_guest_kernel_and_exits_zero()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--", "uname", "-a");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.StartsWith("Linux faas 6.1.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"VM \S+ ready in \d+ ms \(qemu/(tcg|kvm)", result.StandardError);
    }

    [Fact]
    public async Task Exit_code_of_the_guest_command_becomes_the_exit_code()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--", "sh", "-c", "echo to-out; echo to-err >&2; exit 7");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("to-out\n", result.StandardOutput);
        Assert.Contains("to-err\n", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_program_exits_127_with_a_clear_message()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--", "/no/such/thing");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("/no/such/thing", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_and_working_directory_reach_the_command()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "-e", "GREETING=hello", "-w", "/tmp", "--", "sh", "-c", "echo $GREETING from $(pwd)");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("hello from /tmp\n", result.StandardOutput);
    }

    [Fact]
    public async Task Unknown_backend_is_refused_before_booting()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--backend", "xen", "--", "true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("xen", result.StandardError, StringComparison.Ordinal);
    }
}
