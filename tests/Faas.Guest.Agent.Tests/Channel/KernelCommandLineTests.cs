using Faas.Guest.Agent.Channel;

namespace Faas.Guest.Agent.Tests.Channel;

public sealed class KernelCommandLineTests
{
    [Fact]
    public void The_agent_port_comes_from_faas_port()
    {
        var commandLine = new KernelCommandLine("console=ttyS0 reboot=t  faas.port=faas.agent panic=-1\n");

        Assert.Equal("faas.agent", commandLine.AgentPort);
        Assert.Equal("ttyS0", commandLine.Get("console"));
        Assert.Equal("-1", commandLine.Get("panic"));
    }

    [Fact]
    public void Without_faas_port_there_is_no_agent_port()
    {
        Assert.Null(new KernelCommandLine("console=hvc0 quiet").AgentPort);
    }

    [Fact]
    public void Parameters_after_the_init_separator_are_ignored()
    {
        Assert.Null(new KernelCommandLine("quiet -- faas.port=nope").AgentPort);
    }

    [Fact]
    public void The_last_occurrence_wins_and_quotes_are_removed()
    {
        Assert.Equal("b", new KernelCommandLine("faas.port=a faas.port=\"b\"").AgentPort);
    }
}
