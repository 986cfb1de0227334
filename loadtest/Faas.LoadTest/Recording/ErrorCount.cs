namespace Faas.LoadTest.Recording;

/// <summary>How many calls ended with one status ("429", "502", …) or failure ("timeout", "connection").</summary>
public sealed record ErrorCount(string Status, long Count);
