using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Commands;

/// <summary>`faas vm run --image` with the real samples from the loopback registry: real pull, erofs, QEMU, agent.</summary>
public sealed class VmRunImageTests(SampleImages samples) : IClassFixture<SampleImages>
{
    private readonly SampleImages _samples = samples;

    [Theory]
    [InlineData("busybox-http")]
    [InlineData("python-http")]
    [InlineData("dotnet-hello")]
    public async Task Each_sample_boots_as_a_function_and_answers_http_inside_the_vm(string sample)
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference(sample), "--probe", "/");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal($"hello from {sample}\n", result.StandardOutput);
        Assert.Matches(@"function ready on port 8080 in \d+ ms", result.StandardError);
        Assert.Contains($"{sample} listening on :8080", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_overrides_reach_the_function()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference("busybox-http"), "-e", "GREETING=from-the-host", "--probe", "/env/GREETING");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("from-the-host", result.StandardOutput);
    }

    [Fact]
    public async Task A_command_runs_inside_the_images_root_filesystem()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference("python-http"), "--", "sh", "-c", ". /etc/os-release; echo $ID $VERSION_ID; python3 -c 'print(6*7)'");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("debian 12\n42\n", result.StandardOutput);
    }

    [Fact]
    public async Task The_image_is_read_only_and_writes_go_to_a_private_tmpfs()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference("busybox-http"), "--", "sh", "-c", "echo changed > /etc/motd && cat /etc/motd && grep ' / ' /proc/mounts | cut -d' ' -f3");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("changed\noverlay\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_function_that_exits_before_it_is_ready_reports_its_last_output()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference("python-http"), "--user", "nobody", "--port", "80", "--probe", "/");

        Assert.Equal(125, result.ExitCode);
        Assert.Contains("the function exited with code", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PORT_that_is_not_a_port_is_refused()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", SampleImages.Reference("busybox-http"), "-e", "PORT=not-a-port", "--probe", "/");

        Assert.Equal(125, result.ExitCode);
        Assert.Contains("PORT 'not-a-port' is not a TCP port number", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_image_is_a_clear_error()
    {
        var result = await FaasProcess.RunAsync("vm", "run", "--image", $"{SampleImages.Registry}/samples/no-such-sample:1", "--probe", "/");

        Assert.Equal(125, result.ExitCode);
        Assert.Contains("not found", result.StandardError, StringComparison.Ordinal);
    }
}
