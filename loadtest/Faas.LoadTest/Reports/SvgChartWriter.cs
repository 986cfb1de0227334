using System.Globalization;
using System.Xml.Linq;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Reports;

/// <summary>
/// Latency percentiles by start kind as an SVG bar chart: one group per start kind (per target and backend when there are
/// several), bars for p50, p90, p99 and max on a logarithmic millisecond axis, each labelled with its value.
/// </summary>
public static class SvgChartWriter
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly (string Name, string Color, Func<KindFigures, double?> Value)[] Series =
    [
        ("p50", "#4e79a7", kind => kind.P50Ms),
        ("p90", "#f28e2b", kind => kind.P90Ms),
        ("p99", "#e15759", kind => kind.P99Ms),
        ("max", "#76b7b2", kind => kind.MaxMs),
    ];

    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 64;
    private const double PlotHeight = 260;
    private const double BarWidth = 24;
    private const double GroupGap = 36;
    private const double GroupWidth = BarWidth * 4;

    public static string Write(LoadTestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var groups = Groups(report);
        var values = groups.SelectMany(group => Series.Select(series => series.Value(group.Figures))).OfType<double>().Where(v => v > 0).ToList();
        var low = values.Count == 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(values.Min())));
        if (values.Count > 0 && values.Min() < 3 * low)
        {
            // A bar just above the axis's bottom would look like nothing: start a decade lower.
            low /= 10;
        }

        var high = values.Count == 0 ? 1000 : Math.Pow(10, Math.Ceiling(Math.Log10(values.Max())));
        if (high <= low)
        {
            high = low * 10;
        }

        var title = Title(report);
        var subtitle = Subtitle(report);
        // Wide enough for the bars and for the two header lines (about 8 px per bold 14 px character, 6.2 per 11 px one).
        var width = Math.Max(
            Left + Right + (Math.Max(1, groups.Count) * (GroupWidth + GroupGap)),
            Math.Max(Left + Right + (title.Length * 8), Left + Right + (subtitle.Length * 6.2)));
        var height = Top + PlotHeight + 76;
        double Y(double value) => Top + PlotHeight - ((Math.Log10(Math.Max(value, low)) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low)) * PlotHeight);

        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XElement(Svg + "rect", new XAttribute("width", N(width)), new XAttribute("height", N(height)), new XAttribute("fill", "white")),
            Text(Left, 22, title, 14, "start", "bold"),
            Text(Left, 40, subtitle, 11, "start", null));

        for (var decade = low; decade <= high * 1.0001; decade *= 10)
        {
            foreach (var step in new[] { 1.0, 2, 5 })
            {
                var tick = decade * step;
                if (tick > high * 1.0001)
                {
                    break;
                }

                var y = Y(tick);
                root.Add(
                    new XElement(Svg + "line", new XAttribute("x1", N(Left)), new XAttribute("x2", N(width - Right)), new XAttribute("y1", N(y)), new XAttribute("y2", N(y)), new XAttribute("stroke", step == 1 ? "#cccccc" : "#eeeeee")),
                    Text(Left - 6, y + 4, Tick(tick), step == 1 ? 11 : 9, "end", null));
            }
        }

        root.Add(Text(16, Top + (PlotHeight / 2), "ms (log scale)", 11, "middle", null, rotate: true));
        for (var g = 0; g < groups.Count; g++)
        {
            var x0 = Left + (GroupGap / 2) + (g * (GroupWidth + GroupGap));
            var group = groups[g];
            for (var s = 0; s < Series.Length; s++)
            {
                if (Series[s].Value(group.Figures) is not { } value)
                {
                    continue;
                }

                var x = x0 + (s * BarWidth);
                var y = Y(value);
                root.Add(
                    new XElement(
                        Svg + "rect",
                        new XAttribute("x", N(x + 1)),
                        new XAttribute("y", N(y)),
                        new XAttribute("width", N(BarWidth - 2)),
                        new XAttribute("height", N(Math.Max(0.5, Top + PlotHeight - y))),
                        new XAttribute("fill", Series[s].Color),
                        new XElement(Svg + "title", $"{group.Label} {Series[s].Name}: {MarkdownReportWriter.Ms(value)} ms")),
                    Text(x + (BarWidth / 2), y - 3, MarkdownReportWriter.Ms(value), 9, "middle", null));
            }

            root.Add(Text(x0 + (GroupWidth / 2), Top + PlotHeight + 18, group.Label, 11, "middle", "bold"));
            root.Add(Text(x0 + (GroupWidth / 2), Top + PlotHeight + 33, $"{group.Figures.Ok} calls", 10, "middle", null));
        }

        root.Add(new XElement(Svg + "line", new XAttribute("x1", N(Left)), new XAttribute("x2", N(width - Right)), new XAttribute("y1", N(Top + PlotHeight)), new XAttribute("y2", N(Top + PlotHeight)), new XAttribute("stroke", "#333333")));
        var legendY = Top + PlotHeight + 52;
        for (var s = 0; s < Series.Length; s++)
        {
            var x = Left + (s * 52);
            root.Add(
                new XElement(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(legendY)), new XAttribute("width", "10"), new XAttribute("height", "10"), new XAttribute("fill", Series[s].Color)),
                Text(x + 14, legendY + 9, Series[s].Name, 11, "start", null));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + Environment.NewLine + root.ToString(SaveOptions.None) + Environment.NewLine;
    }

    private static List<(string Label, KindFigures Figures)> Groups(LoadTestReport report)
    {
        var groups = new List<(string, KindFigures)>();
        var runs = report.Backends.Where(run => run.Error is null).ToList();
        foreach (var run in runs)
        {
            foreach (var pass in run.Passes)
            {
                foreach (var kind in pass.Figures.Starts.Where(kind => kind.Ok > 0))
                {
                    var label = kind.Start;
                    if (run.Passes.Count > 1)
                    {
                        label = $"{pass.Target} {label}";
                    }

                    if (runs.Count > 1)
                    {
                        label = $"{run.Backend} {label}";
                    }

                    groups.Add((label, kind));
                }
            }
        }

        return groups;
    }

    private static string Title(LoadTestReport report) =>
        $"faas loadtest {report.Scenario}: latency by X-Faas-Start ({string.Join(", ", report.Backends.Select(run => run.Label))}, {report.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";

    private static string Subtitle(LoadTestReport report)
    {
        var emulated = report.Backends.Any(run => run.SoftwareEmulation) ? "; TCG software emulation, not hardware KVM" : "";
        return $"ms from intended start to end of response; {report.Machine.Cores} cores, load avg {report.LoadAverage.Min.ToString("0.#", CultureInfo.InvariantCulture)}–{report.LoadAverage.Max.ToString("0.#", CultureInfo.InvariantCulture)}; engine {report.Engine}{emulated}";
    }

    private static XElement Text(double x, double y, string content, int size, string anchor, string? weight, bool rotate = false)
    {
        var text = new XElement(
            Svg + "text",
            new XAttribute("x", N(x)),
            new XAttribute("y", N(y)),
            new XAttribute("font-size", size.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("text-anchor", anchor),
            content);
        if (weight is not null)
        {
            text.Add(new XAttribute("font-weight", weight));
        }

        if (rotate)
        {
            text.Add(new XAttribute("transform", $"rotate(-90 {N(x)} {N(y)})"));
        }

        return text;
    }

    private static string Tick(double value) => value >= 1 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
