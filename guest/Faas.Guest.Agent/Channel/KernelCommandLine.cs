namespace Faas.Guest.Agent.Channel;

/// <summary>The kernel's parameters (/proc/cmdline), up to the "--" that starts init's own arguments.</summary>
internal sealed class KernelCommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public KernelCommandLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "--")
            {
                break;
            }

            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                _values[word[..equals]] = word[(equals + 1)..].Trim('"');
            }
        }
    }

    /// <summary>The name of the virtio-serial port that leads to the host, when the host uses one.</summary>
    public string? AgentPort => Get("faas.port");

    public static KernelCommandLine ReadCurrent() => new(File.Exists(ProcCmdline) ? File.ReadAllText(ProcCmdline) : string.Empty);

    /// <summary>The value of the last <c>name=value</c> parameter with this name.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    private const string ProcCmdline = "/proc/cmdline";
}
