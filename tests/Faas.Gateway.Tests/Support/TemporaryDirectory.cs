namespace Faas.Gateway.Tests.Support;

/// <summary>A directory under /tmp removed with everything in it at the end.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's /tmp cleaning.
        }
    }
}
