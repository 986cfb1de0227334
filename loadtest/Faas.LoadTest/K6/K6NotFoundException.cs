namespace Faas.LoadTest.K6;

/// <summary>The k6 engine was asked for and k6 is not on PATH.</summary>
public sealed class K6NotFoundException : Exception
{
    public K6NotFoundException()
        : base($"k6 is not on PATH. Install it (see {K6Locator.InstallUrl}), or run with --engine builtin (the default when k6 is missing).")
    {
    }

    public K6NotFoundException(string message)
        : base(message)
    {
    }

    public K6NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
