namespace Faas.Guest.Agent.Readiness;

/// <summary>How waiting for a function to accept connections ended.</summary>
internal enum ReadinessOutcome
{
    /// <summary>Its port accepted a connection.</summary>
    Ready,

    /// <summary>It exited first.</summary>
    Exited,

    /// <summary>It neither accepted a connection nor exited in time.</summary>
    TimedOut,
}
