namespace Faas.Gateway.Management;

/// <summary>OpenFaaS's <c>limits</c> as a function view shows them: "256Mi", "1".</summary>
public sealed record ResourcesView(string Memory, string Cpu);
