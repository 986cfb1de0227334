namespace Faas.LoadTest.Platform;

/// <summary>The gateway refused a management call; carries the status and the gateway's problem text.</summary>
public sealed class GatewayApiException : Exception
{
    public GatewayApiException()
    {
    }

    public GatewayApiException(string message)
        : base(message)
    {
    }

    public GatewayApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayApiException(string what, int status, string body)
        : base($"{what} failed ({status}): {body}")
    {
        Status = status;
    }

    public int Status { get; }
}
