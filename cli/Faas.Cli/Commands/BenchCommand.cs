using System.CommandLine;

namespace Faas.Cli.Commands;

/// <summary>faas bench: measurements that print numbers.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the platform on this host and print the figures")
    {
        BenchBootCommand.Create(),
        BenchColdstartCommand.Create(),
        BenchVmCommand.Create(),
    };
}
