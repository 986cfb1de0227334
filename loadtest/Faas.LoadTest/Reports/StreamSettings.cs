namespace Faas.LoadTest.Reports;

/// <summary>One stream as it ran: tenant, function, image, path, rate and calls, and how the function was deployed.</summary>
public sealed record StreamSettings(
    string Tenant,
    string Function,
    string Image,
    string Path,
    double Rate,
    int Calls,
    int WarmupCalls,
    int Functions,
    int MinInstances,
    int MaxInstances,
    int MaxConcurrency,
    string KeepAlive,
    string Memory);
