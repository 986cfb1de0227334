namespace Faas.LoadTest.Reports;

/// <summary>Gateway vs worker for one start kind (or all calls): p50 and p99 of each, and gateway / worker.</summary>
public sealed record OverheadFigures(
    string Start,
    double GatewayP50Ms,
    double WorkerP50Ms,
    double P50Ratio,
    double GatewayP99Ms,
    double WorkerP99Ms,
    double P99Ratio)
{
    /// <summary>Every start kind both passes have successful calls of, then all calls.</summary>
    public static IReadOnlyList<OverheadFigures> Compare(PassReport gateway, PassReport worker)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(worker);
        var pairs = gateway.Figures.Starts
            .Select(kind => (Gateway: kind, Worker: worker.Figures.For(kind.Start)))
            .Append((Gateway: gateway.Figures.All, Worker: worker.Figures.All));
        var figures = new List<OverheadFigures>();
        foreach (var (g, w) in pairs)
        {
            if (g is { P50Ms: { } gp50, P99Ms: { } gp99 } && w is { P50Ms: { } wp50, P99Ms: { } wp99 } && wp50 > 0 && wp99 > 0)
            {
                figures.Add(new OverheadFigures(g.Start, gp50, wp50, Math.Round(gp50 / wp50, 2), gp99, wp99, Math.Round(gp99 / wp99, 2)));
            }
        }

        return figures;
    }
}
