using Faas.Common.Names;

namespace Faas.Worker.Functions;

/// <summary>Checks a function definition before anything is pulled or booted.</summary>
public static class FunctionDefinitionValidator
{
    public const int MinMemoryMiB = 64;
    public const int MaxMemoryMiB = 32 * 1024;
    public const int MaxVcpuCount = 64;

    /// <returns>null when the definition is usable, otherwise what is wrong with it.</returns>
    public static string? Validate(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition switch
        {
            _ when !DnsLabel.IsValid(definition.Tenant) => $"tenant '{definition.Tenant}' is not a valid name: use 1-{DnsLabel.MaxLength} lowercase letters, digits and '-', starting and ending with a letter or digit",
            _ when !DnsLabel.IsValid(definition.Name) => $"function name '{definition.Name}' is not a valid name: use 1-{DnsLabel.MaxLength} lowercase letters, digits and '-', starting and ending with a letter or digit",
            _ when string.IsNullOrWhiteSpace(definition.Image) => "the function has no image",
            { MemoryMiB: < MinMemoryMiB or > MaxMemoryMiB } => $"memory must be {MinMemoryMiB}-{MaxMemoryMiB} MiB, not {definition.MemoryMiB}",
            { VcpuCount: < 1 or > MaxVcpuCount } => $"vCPUs must be 1-{MaxVcpuCount}, not {definition.VcpuCount}",
            _ when definition.Timeout <= TimeSpan.Zero => "the timeout must be positive",
            _ when definition.ReadyTimeout <= TimeSpan.Zero => "the ready timeout must be positive",
            { MaxConcurrency: < 1 } => "max concurrency must be at least 1",
            { MaxInstances: < 1 } => "max instances must be at least 1",
            { MaxRequestBytes: < 0 } => "the request size limit must not be negative",
            { MaxResponseBytes: < 0 } => "the response size limit must not be negative",
            { Overrides.Port: < 1 or > 65535 } => $"port {definition.Overrides.Port} is not a TCP port number",
            _ => null,
        };
    }
}
