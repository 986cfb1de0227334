namespace Faas.Gateway.Auth;

/// <summary>Endpoint metadata: only admin keys may call it.</summary>
public sealed class AdminOnly
{
    public static AdminOnly Instance { get; } = new();

    private AdminOnly()
    {
    }
}
