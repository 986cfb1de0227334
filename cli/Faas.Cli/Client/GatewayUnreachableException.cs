namespace Faas.Cli.Client;

/// <summary>No gateway answered at the address tried (refused, unknown host, connect timeout).</summary>
public sealed class GatewayUnreachableException : GatewayException
{
    public GatewayUnreachableException()
    {
    }

    public GatewayUnreachableException(string message)
        : base(message)
    {
    }

    public GatewayUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayUnreachableException(Uri gateway, Exception? innerException = null)
        : base(gateway, $"cannot reach the gateway: is `faas up` running? tried {gateway}", innerException)
    {
    }
}
