namespace Faas.LoadTest.Runner;

/// <summary>A load test that cannot run as asked (options that do not fit together, a platform that cannot be used).</summary>
public sealed class LoadTestException : Exception
{
    public LoadTestException()
    {
    }

    public LoadTestException(string message)
        : base(message)
    {
    }

    public LoadTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
