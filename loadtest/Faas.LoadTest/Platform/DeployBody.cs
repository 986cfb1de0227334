namespace Faas.LoadTest.Platform;

/// <summary>The body of <c>POST /system/functions</c> (docs/api.md) with the fields a load test sets.</summary>
public sealed record DeployBody(
    string Service,
    string Image,
    int MinInstances,
    int MaxInstances,
    int MaxConcurrency,
    string KeepAlive,
    string Memory);
