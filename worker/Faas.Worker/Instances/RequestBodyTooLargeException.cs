namespace Faas.Worker.Instances;

/// <summary>A request body grew past the function's limit while it was being forwarded.</summary>
public sealed class RequestBodyTooLargeException : Exception
{
    public RequestBodyTooLargeException()
    {
    }

    public RequestBodyTooLargeException(string message)
        : base(message)
    {
    }

    public RequestBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RequestBodyTooLargeException(long limit)
        : base($"the request body is larger than the function's limit of {limit} bytes")
    {
        Limit = limit;
    }

    public long Limit { get; }
}
