namespace Faas.LoadTest.Engine;

/// <summary>Why a call got no HTTP status.</summary>
public enum CallFailure
{
    None,

    /// <summary>No complete response within the scenario's timeout.</summary>
    Timeout,

    /// <summary>The connection failed or broke before the response was complete.</summary>
    Connection,
}
