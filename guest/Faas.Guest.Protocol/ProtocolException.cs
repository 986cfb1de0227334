namespace Faas.Guest.Protocol;

/// <summary>The byte stream broke the framing rules: the channel cannot be trusted any more.</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
