namespace Faas.LoadTest.Platform;

/// <summary>One live instance in a function's description.</summary>
public sealed record DeployedInstance(string Id, string State, string Start);
