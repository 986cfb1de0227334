namespace Faas.Cli.Client;

/// <summary>The gateway address or API key given to the client is unusable.</summary>
public sealed class ClientSettingsException : Exception
{
    public ClientSettingsException()
    {
    }

    public ClientSettingsException(string message)
        : base(message)
    {
    }

    public ClientSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
