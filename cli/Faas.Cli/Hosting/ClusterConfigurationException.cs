namespace Faas.Cli.Hosting;

/// <summary>A cluster host's configuration is missing or wrong; the message names the setting.</summary>
public sealed class ClusterConfigurationException : Exception
{
    public ClusterConfigurationException()
    {
    }

    public ClusterConfigurationException(string message)
        : base(message)
    {
    }

    public ClusterConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
