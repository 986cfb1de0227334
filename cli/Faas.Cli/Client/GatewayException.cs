namespace Faas.Cli.Client;

/// <summary>A call to the gateway failed; <see cref="Gateway"/> says which one was tried.</summary>
public class GatewayException : Exception
{
    public GatewayException()
    {
    }

    public GatewayException(string message)
        : base(message)
    {
    }

    public GatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayException(Uri gateway, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Gateway = gateway;
    }

    public Uri? Gateway { get; }
}
