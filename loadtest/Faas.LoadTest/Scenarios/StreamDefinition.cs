namespace Faas.LoadTest.Scenarios;

/// <summary>One tenant's calls to one function, as written in a scenario file.</summary>
public sealed class StreamDefinition
{
    /// <summary>"default": the tenant of the key the run was given; any other name: a tenant created for the run.</summary>
    public string? Tenant { get; init; }

    /// <summary>Calls per second (constant-arrival-rate).</summary>
    public double? Rate { get; init; }

    /// <summary>Deploy one copy of the function per call, so that every call needs a new instance.</summary>
    public bool? NewFunctionPerCall { get; init; }

    public FunctionDefinition? Function { get; init; }
}
