namespace Faas.LoadTest.Scenarios;

/// <summary>How calls arrive.</summary>
public enum Executor
{
    /// <summary>At a fixed rate per second, whatever the answers take (open loop).</summary>
    ConstantArrivalRate,

    /// <summary>All at the same instant.</summary>
    Burst,
}
