namespace Faas.LoadTest.Scenarios;

/// <summary>The function a stream deploys and calls, with defaults applied.</summary>
public sealed record ScenarioFunction(
    string Name,
    string Image,
    string Path,
    int MinInstances,
    int MaxInstances,
    int MaxConcurrency,
    string KeepAlive,
    string Memory);
