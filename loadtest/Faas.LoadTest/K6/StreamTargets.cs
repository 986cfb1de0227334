namespace Faas.LoadTest.K6;

/// <summary>One stream's tenant, key (null: send none) and the URL of each of its functions.</summary>
public sealed record StreamTargets(string Tenant, string? ApiKey, IReadOnlyList<string> Functions, IReadOnlyList<string> Urls);
