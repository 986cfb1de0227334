namespace Faas.Cli.Hosting;

/// <summary>How to start this same faas program as a child process: the executable and the arguments that come before a command.</summary>
public sealed record FaasExecutable(string Path, IReadOnlyList<string> Prefix)
{
    /// <summary>The running program: the apphost itself, or <c>dotnet faas.dll</c>.</summary>
    public static FaasExecutable Current()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? new FaasExecutable(process, [typeof(FaasExecutable).Assembly.Location])
            : new FaasExecutable(process, []);
    }

    /// <summary><c>dotnet faas.dll</c> from <paramref name="directory"/>.</summary>
    public static FaasExecutable FromDirectory(string directory) => new("dotnet", [System.IO.Path.Combine(directory, "faas.dll")]);
}
