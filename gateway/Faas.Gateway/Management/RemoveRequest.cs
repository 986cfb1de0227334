namespace Faas.Gateway.Management;

/// <summary>The body of <c>DELETE /system/functions</c> (OpenFaaS's, whose clients may also send the namespace: the tenant).</summary>
public sealed record RemoveRequest
{
    public string? FunctionName { get; init; }

    public string? Namespace { get; init; }
}
