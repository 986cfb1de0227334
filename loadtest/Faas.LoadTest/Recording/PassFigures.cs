namespace Faas.LoadTest.Recording;

/// <summary>
/// What one pass measured: figures per start kind and for all calls, the window throughput is computed over (first intended start
/// to last response), how late calls were sent (null when the engine does not say, as with k6), and the same per stream.
/// </summary>
public sealed record PassFigures(IReadOnlyList<KindFigures> Starts, KindFigures All, double WindowSeconds, LagFigures? SendLag)
{
    /// <summary>Per stream of the scenario (tenant and function), by index; empty when not split.</summary>
    public IReadOnlyList<StreamFigures> Streams { get; init; } = [];

    public KindFigures? For(string start) => Starts.FirstOrDefault(kind => kind.Start == start);
}
