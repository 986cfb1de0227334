namespace Faas.LoadTest.Scenarios;

/// <summary>A scenario that does not exist or whose file is not valid.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
