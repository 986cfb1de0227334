using System.CommandLine;

namespace Faas.Cli.Commands;

/// <summary>faas vm: work with single micro-VMs directly, without deploying a function.</summary>
public static class VmCommand
{
    public static Command Create() => new("vm", "Boot micro-VMs directly, without deploying a function")
    {
        VmRunCommand.Create(),
    };
}
