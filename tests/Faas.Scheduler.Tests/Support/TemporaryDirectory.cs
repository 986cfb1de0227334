namespace Faas.Scheduler.Tests.Support;

/// <summary>A directory under /tmp for one test, deleted with what it holds.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("faas-scheduler-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
