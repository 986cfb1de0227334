namespace Faas.LoadTest.Runner;

/// <summary>Which load generator runs the scenario.</summary>
public enum EngineChoice
{
    /// <summary>k6 when it is on PATH, else the built-in engine.</summary>
    Auto,

    /// <summary>The built-in open-loop engine.</summary>
    Builtin,

    /// <summary>k6, through the scenario's script in loadtest/.</summary>
    K6,
}
