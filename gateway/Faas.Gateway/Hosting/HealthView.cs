namespace Faas.Gateway.Hosting;

/// <summary>The body of a healthy <c>/healthz</c>.</summary>
public sealed record HealthView(string Status);
