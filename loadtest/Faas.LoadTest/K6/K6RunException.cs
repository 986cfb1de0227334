namespace Faas.LoadTest.K6;

/// <summary>k6 failed: carries its exit code and the end of its output.</summary>
public sealed class K6RunException : Exception
{
    public K6RunException()
    {
    }

    public K6RunException(string message)
        : base(message)
    {
    }

    public K6RunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public K6RunException(int exitCode, string outputTail)
        : base($"k6 exited with code {exitCode}:\n{outputTail}")
    {
        ExitCode = exitCode;
        OutputTail = outputTail;
    }

    public int ExitCode { get; }

    public string OutputTail { get; } = "";
}
