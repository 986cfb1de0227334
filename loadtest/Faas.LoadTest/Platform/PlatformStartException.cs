namespace Faas.LoadTest.Platform;

/// <summary>`faas up` did not become ready; carries what it wrote on stderr.</summary>
public sealed class PlatformStartException : Exception
{
    public PlatformStartException()
    {
    }

    public PlatformStartException(string message)
        : base(message)
    {
    }

    public PlatformStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
