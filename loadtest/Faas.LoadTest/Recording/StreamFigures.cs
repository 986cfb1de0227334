namespace Faas.LoadTest.Recording;

/// <summary>The calls of one stream of a scenario (one tenant's function): per start kind and all together.</summary>
public sealed record StreamFigures(int Stream, IReadOnlyList<KindFigures> Starts, KindFigures All);
