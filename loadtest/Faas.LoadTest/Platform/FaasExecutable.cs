using System.Reflection;
using CliWrap;

namespace Faas.LoadTest.Platform;

/// <summary>How to run the faas command itself: an executable and the arguments before faas's own (the assembly, under dotnet).</summary>
public sealed record FaasExecutable(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The faas command this process runs as (dotnet faas.dll, or an apphost).</summary>
    public static FaasExecutable FromCurrentProcess()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
            {
                throw new InvalidOperationException("cannot tell which assembly this faas process runs");
            }

            return new FaasExecutable(process, [entry]);
        }

        return new FaasExecutable(process, []);
    }

    /// <summary>dotnet with the faas.dll in <paramref name="directory"/>.</summary>
    public static FaasExecutable InDirectory(string directory) => new("dotnet", [Path.Combine(directory, "faas.dll")]);

    public Command Command(params IEnumerable<string> arguments) => Cli.Wrap(FileName).WithArguments([.. PrefixArguments, .. arguments]);

    public override string ToString() => string.Join(' ', [FileName, .. PrefixArguments]);
}
