namespace Faas.Cli.Bench;

/// <summary>The cold-start benchmark could not measure what it set out to: a deploy failed or a call was not answered as expected.</summary>
public sealed class ColdstartBenchException : Exception
{
    public ColdstartBenchException()
    {
    }

    public ColdstartBenchException(string message)
        : base(message)
    {
    }

    public ColdstartBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
