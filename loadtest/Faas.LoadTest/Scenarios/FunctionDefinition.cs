namespace Faas.LoadTest.Scenarios;

/// <summary>The function a stream calls, as written in a scenario file: deploy fields plus the path to call.</summary>
public sealed class FunctionDefinition
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? Path { get; init; }

    public int? MinInstances { get; init; }

    public int? MaxInstances { get; init; }

    public int? MaxConcurrency { get; init; }

    public string? KeepAlive { get; init; }

    public string? Memory { get; init; }
}
