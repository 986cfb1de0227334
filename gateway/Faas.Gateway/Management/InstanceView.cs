namespace Faas.Gateway.Management;

/// <summary>One live instance in a function view.</summary>
public sealed record InstanceView(string Id, string Worker, int Version, string State, string Start, int ActiveCalls, DateTimeOffset LastUsedAt);
