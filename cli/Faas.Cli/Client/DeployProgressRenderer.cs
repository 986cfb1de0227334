using System.Globalization;
using System.Text;

namespace Faas.Cli.Client;

/// <summary>
/// Draws a deploy's progress on stderr: on a terminal, one line per phase redrawn in place with a bar where the total is
/// known; otherwise (CI, a pipe) a plain line whenever the phase or its detail changes.
/// </summary>
public sealed class DeployProgressRenderer : IProgress<DeployProgressEvent>
{
    private const int BarWidth = 24;

    /// <summary>Totals at or above this are bytes; below, counts (layers).</summary>
    private const long ByteThreshold = 4096;

    private readonly TextWriter _writer;
    private readonly string _function;
    private readonly bool _interactive;
    private readonly int _width;
    private string? _phase;
    private string? _detail;
    private bool _lineOpen;

    /// <param name="writer">Where to draw (stderr).</param>
    /// <param name="function">The function being deployed, named on every line.</param>
    /// <param name="interactive">Redraw lines in place (a terminal) or print plain lines.</param>
    /// <param name="width">The terminal's width, to keep a redrawn line on one row.</param>
    public DeployProgressRenderer(TextWriter writer, string function, bool interactive, int width = 80)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _function = function;
        _interactive = interactive;
        _width = Math.Max(width, 40);
    }

    /// <summary>For stderr: interactive when it is a terminal, TERM is not "dumb" and CI is not set.</summary>
    public static DeployProgressRenderer ForStandardError(string function)
    {
        var interactive = !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") is not "dumb"
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var width = 0;
        if (interactive)
        {
            try
            {
                width = Console.WindowWidth;
            }
            catch (IOException)
            {
            }
        }

        width = width > 0 ? width : 80;

        return new DeployProgressRenderer(Console.Error, function, interactive, width);
    }

    public void Report(DeployProgressEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var phaseChanged = !string.Equals(value.Phase, _phase, StringComparison.Ordinal);
        var detailChanged = !string.Equals(value.Detail, _detail, StringComparison.Ordinal);
        _phase = value.Phase;
        _detail = value.Detail;
        if (_interactive)
        {
            if (phaseChanged)
            {
                Complete();
            }

            _writer.Write("\r" + Format(value, withBar: true, maxLength: _width - 1) + "\u001b[K");
            _lineOpen = true;
            _writer.Flush();
        }
        else if (phaseChanged || detailChanged)
        {
            _writer.WriteLine(Format(value, withBar: false));
        }
    }

    /// <summary>Ends a line drawn in place, before other output.</summary>
    public void Complete()
    {
        if (_lineOpen)
        {
            _writer.WriteLine();
            _lineOpen = false;
        }
    }

    /// <summary>
    /// "faas: hello: pulling [#####      ] 1/3 Copying blob sha256:…"; within <paramref name="maxLength"/> the detail is cut
    /// first, then the bar is dropped.
    /// </summary>
    public string Format(DeployProgressEvent value, bool withBar, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var head = $"faas: {_function}: {PhaseName(value.Phase)}";
        var counts = "";
        var bar = "";
        if (value.Total > 0)
        {
            var done = Math.Clamp(value.Done, 0, value.Total);
            counts = " " + (value.Total >= ByteThreshold ? $"{Size(done)}/{Size(value.Total)}" : $"{done}/{value.Total}");
            var filled = (int)(BarWidth * done / value.Total);
            bar = withBar ? $" [{new string('#', filled)}{new string(' ', BarWidth - filled)}]" : "";
        }

        var line = head + bar + counts;
        if (line.Length > maxLength)
        {
            line = head + counts;
        }

        var detail = string.IsNullOrWhiteSpace(value.Detail) ? "" : " " + value.Detail;
        if (line.Length + detail.Length > maxLength)
        {
            var room = maxLength - line.Length - 1;
            detail = room > 1 ? detail[..room] + "…" : "";
        }

        line += detail;
        return line.Length > maxLength ? line[..Math.Max(maxLength - 1, 0)] + "…" : line;
    }

    /// <summary>"buildingRootfs" → "building rootfs".</summary>
    public static string PhaseName(string phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var name = new StringBuilder(phase.Length + 4);
        foreach (var c in phase)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append(' ');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => $"{bytes} B",
    };
}
