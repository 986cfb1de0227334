namespace Faas.LoadTest.K6;

/// <summary>One stream's tenant, key (null: send none), the URL of each of its functions, and the workers' key for calls straight to a worker.</summary>
public sealed record StreamTargets(string Tenant, string? ApiKey, IReadOnlyList<string> Functions, IReadOnlyList<string> Urls, string? WorkerKey = null);
