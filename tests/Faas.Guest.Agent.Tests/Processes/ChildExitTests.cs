using Faas.Guest.Agent.Processes;

namespace Faas.Guest.Agent.Tests.Processes;

public sealed class ChildExitTests
{
    [Theory]
    [InlineData(0x0000, 0, null)]
    [InlineData(0x0700, 7, null)]
    [InlineData(0xff00, 255, null)]
    [InlineData(0x0009, 137, 9)]
    [InlineData(0x008b, 139, 11)] // SIGSEGV with a core dump
    public void Wait_statuses_decode_like_the_shell(int status, int exitCode, int? signal)
    {
        Assert.Equal(new ChildExit(exitCode, signal), ChildExit.FromWaitStatus(status));
    }
}
