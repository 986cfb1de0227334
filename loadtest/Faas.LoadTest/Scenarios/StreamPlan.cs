using System.Globalization;

namespace Faas.LoadTest.Scenarios;

/// <summary>One tenant's calls to one function, planned: how many calls, at what rate, to which functions.</summary>
/// <param name="Index">Its position in the scenario file.</param>
/// <param name="Tenant">"default" (the key the run was given) or a tenant created per run.</param>
/// <param name="Rate">Calls per second; 0 for a burst.</param>
/// <param name="Calls">Measured calls.</param>
/// <param name="WarmupCalls">Calls before the measured ones, not recorded.</param>
/// <param name="NewFunctionPerCall">Each call (warm-up included) goes to a function of its own.</param>
/// <param name="FunctionCount">How many copies of the function are deployed.</param>
/// <param name="Function">What is deployed and called.</param>
public sealed record StreamPlan(
    int Index,
    string Tenant,
    double Rate,
    int Calls,
    int WarmupCalls,
    bool NewFunctionPerCall,
    int FunctionCount,
    ScenarioFunction Function)
{
    public const string DefaultTenant = "default";

    /// <summary>"{name}-{runId}", or "{name}-{runId}-{n}" (n from 1) with one function per call; as lib/plan.js names them.</summary>
    public IReadOnlyList<string> FunctionNames(string runId)
    {
        var name = $"{Function.Name}-{runId}";
        return NewFunctionPerCall
            ? [.. Enumerable.Range(1, FunctionCount).Select(n => $"{name}-{n.ToString(CultureInfo.InvariantCulture)}")]
            : [name];
    }

    /// <summary>The tenant this stream runs as in one run.</summary>
    public string TenantName(string runId) => Tenant == DefaultTenant ? DefaultTenant : $"{Tenant}-{runId}";

    /// <summary>Which of the stream's functions the n-th call of a phase goes to.</summary>
    public int TargetIndex(bool measured, int iteration, int targetCount)
    {
        var offset = NewFunctionPerCall && measured ? WarmupCalls : 0;
        return (offset + iteration) % targetCount;
    }
}
