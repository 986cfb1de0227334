namespace Faas.Cli.Hosting;

/// <summary>Progress of long work (builds, boots), written as "faas: …" lines on stderr so stdout stays the guest's.</summary>
public sealed class StderrProgress : IProgress<string>
{
    public static StderrProgress Instance { get; } = new();

    public void Report(string value) => Console.Error.WriteLine($"faas: {value}");
}
