namespace Faas.Guest.Agent.Http;

/// <summary>The function's server broke HTTP/1.1 or the connection; <see cref="Exception.Message"/> is meant for the user.</summary>
internal sealed class FunctionHttpException : Exception
{
    public FunctionHttpException()
    {
    }

    public FunctionHttpException(string message)
        : base(message)
    {
    }

    public FunctionHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Not a byte of a response arrived: on a reused connection, the server had closed it before the request.</summary>
    public bool NothingReceived { get; init; }
}
