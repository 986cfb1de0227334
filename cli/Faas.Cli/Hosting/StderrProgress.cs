namespace Faas.Cli.Hosting;

/// <summary>Progress of long work (builds, boots), written as "faas: …" lines on stderr so stdout stays the guest's.</summary>
public sealed class StderrProgress : IProgress<string>
{
    private const string Prefix = "faas: ";

    public static StderrProgress Instance { get; } = new();

    /// <summary>Writes the line, prefixed unless it already is (the kernel build script prefixes its own lines).</summary>
    public void Report(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Console.Error.WriteLine(value.StartsWith(Prefix, StringComparison.Ordinal) ? value : Prefix + value);
    }
}
