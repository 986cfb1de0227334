using System.Text.Json;
using Faas.Vmm.Qemu.Qmp;

namespace Faas.Vmm.Qemu.Tests.Qmp;

public sealed class QmpClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Greeting_gives_the_QEMU_version()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        Assert.Equal(7, qemu.Qmp.Version.Major);
        Assert.Contains("Debian", qemu.Qmp.Version.Package, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_status_of_a_machine_started_with_S_is_prelaunch()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        var status = await qemu.Qmp.QueryStatusAsync(Token);

        Assert.Equal("prelaunch", status.Status);
        Assert.False(status.Running);
    }

    [Fact]
    public async Task Unknown_command_throws_QmpException_with_QEMUs_error_class()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        var error = await Assert.ThrowsAsync<QmpException>(() => qemu.Qmp.ExecuteAsync("no-such-command", cancellationToken: Token));

        Assert.Equal("no-such-command", error.Command);
        Assert.Equal("CommandNotFound", error.ErrorClass);
        Assert.Contains("no-such-command", error.Description, StringComparison.Ordinal);
        Assert.Contains("CommandNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_throw_a_GenericError_and_the_connection_stays_usable()
    {
        await using var qemu = await BareQemu.StartAsync(Token);
        var arguments = JsonDocument.Parse("""{"no-such-argument": 1}""").RootElement;

        var error = await Assert.ThrowsAsync<QmpException>(() => qemu.Qmp.ExecuteAsync("query-status", arguments, Token));

        Assert.Equal("GenericError", error.ErrorClass);
        Assert.Equal("prelaunch", (await qemu.Qmp.QueryStatusAsync(Token)).Status);
    }

    [Fact]
    public async Task Concurrent_commands_each_get_their_own_reply()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? qemu.Qmp.ExecuteAsync("query-status", cancellationToken: Token)
            : qemu.Qmp.ExecuteAsync("query-name", cancellationToken: Token)));

        for (var i = 0; i < replies.Length; i++)
        {
            Assert.Equal(i % 2 == 0, replies[i].TryGetProperty("status", out _));
        }
    }

    [Fact]
    public async Task Cont_and_stop_surface_RESUME_and_STOP_events()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        await qemu.Qmp.ExecuteAsync("cont", cancellationToken: Token);
        var resume = await qemu.Qmp.WaitForEventAsync("RESUME", Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await qemu.Qmp.ExecuteAsync("stop", cancellationToken: Token);
        var stop = await qemu.Qmp.WaitForEventAsync("STOP", Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal("RESUME", resume.Name);
        Assert.InRange(stop.Timestamp, resume.Timestamp, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False((await qemu.Qmp.QueryStatusAsync(Token)).Running);
    }

    [Fact]
    public async Task Quit_ends_QEMU_with_a_SHUTDOWN_event_and_later_commands_fail_clearly()
    {
        await using var qemu = await BareQemu.StartAsync(Token);

        await qemu.Qmp.QuitAsync(Token);
        var shutdown = await qemu.Qmp.WaitForEventAsync("SHUTDOWN", Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await qemu.Process.Exited.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await qemu.Qmp.Completion.WaitAsync(TimeSpan.FromSeconds(10), Token);
        var error = await Assert.ThrowsAsync<QmpException>(() => qemu.Qmp.QueryStatusAsync(Token));

        Assert.False(shutdown.Data?.GetProperty("guest").GetBoolean());
        Assert.Null(error.ErrorClass);
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassFile_hands_QEMU_a_descriptor_under_a_name_that_closefd_then_releases()
    {
        await using var qemu = await BareQemu.StartAsync(Token);
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
            {
                await qemu.Qmp.PassFileAsync("test-file", file, Token);
            }

            var arguments = JsonDocument.Parse("""{"fdname": "test-file"}""").RootElement;
            await qemu.Qmp.ExecuteAsync("closefd", arguments, Token);
            var again = await Assert.ThrowsAsync<QmpException>(() => qemu.Qmp.ExecuteAsync("closefd", arguments, Token));

            Assert.Equal("GenericError", again.ErrorClass);
            Assert.Equal("prelaunch", (await qemu.Qmp.QueryStatusAsync(Token)).Status);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
