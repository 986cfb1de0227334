using System.Xml.Linq;
using Faas.LoadTest.Reports;
using Faas.LoadTest.Tests.Support;

namespace Faas.LoadTest.Tests.Reports;

public sealed class SvgChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_chart_is_well_formed_svg_with_a_bar_per_percentile_and_start_kind()
    {
        var document = XDocument.Parse(SvgChartWriter.Write(SampleReport.Create()));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        var bars = document.Descendants(Svg + "rect").Where(rect => rect.Element(Svg + "title") is not null).ToList();
        // Two passes × (warm, restore) × (p50, p90, p99, max); the "none" kind has no successful call to draw.
        Assert.Equal(16, bars.Count);
        Assert.Contains(bars, bar => bar.Element(Svg + "title")!.Value == "gateway restore p50: 252 ms");
        Assert.Contains(bars, bar => bar.Element(Svg + "title")!.Value == "worker warm max: 80.5 ms");
    }

    [Fact]
    public void The_chart_carries_the_numbers_labels_and_the_emulation_warning()
    {
        var texts = XDocument.Parse(SvgChartWriter.Write(SampleReport.Create())).Descendants(Svg + "text").Select(text => text.Value).ToList();

        Assert.Contains("252", texts);
        Assert.Contains("405", texts);
        Assert.Contains("41.5", texts);
        Assert.Contains("gateway restore", texts);
        Assert.Contains("worker warm", texts);
        Assert.Contains("p99", texts);
        Assert.Contains(texts, text => text.Contains("TCG software emulation, not hardware KVM", StringComparison.Ordinal));
        Assert.Contains("100", texts);
        Assert.Contains("1000", texts);
    }

    [Fact]
    public void Taller_bars_mean_longer_latencies()
    {
        var bars = XDocument.Parse(SvgChartWriter.Write(SampleReport.Create())).Descendants(Svg + "rect")
            .Where(rect => rect.Element(Svg + "title") is not null)
            .ToDictionary(rect => rect.Element(Svg + "title")!.Value.Split(':')[0], rect => double.Parse(rect.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(bars["gateway restore p50"] > bars["gateway warm p50"]);
        Assert.True(bars["gateway restore max"] > bars["gateway restore p50"]);
    }
}
