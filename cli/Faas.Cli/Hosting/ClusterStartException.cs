namespace Faas.Cli.Hosting;

/// <summary>A host of a local cluster did not start; carries what it printed.</summary>
public sealed class ClusterStartException : Exception
{
    public ClusterStartException()
    {
    }

    public ClusterStartException(string message)
        : base(message)
    {
    }

    public ClusterStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterStartException(string host, string reason, string output)
        : base($"{host}: {reason}\n{output}")
    {
        Host = host;
        Output = output;
    }

    public string Host { get; } = "";

    public string Output { get; } = "";
}
