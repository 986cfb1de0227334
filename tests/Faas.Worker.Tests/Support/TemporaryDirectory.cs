using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Tests.Support;

public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix = "faas-worker-tests-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            // Unpacked trees may hold links out of the directory: remove without following them.
            TreeRemoval.Remove(Path);
        }
        catch (IOException)
        {
            // A process started by a test may still hold a file; the directory is in /tmp.
        }
    }
}
