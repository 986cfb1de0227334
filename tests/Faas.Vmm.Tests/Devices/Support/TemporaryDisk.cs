namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>A disk image file filled with known pseudo-random bytes, deleted on dispose.</summary>
public sealed class TemporaryDisk : IDisposable
{
    public TemporaryDisk(int sectors, string name = "disk.img", int seed = 1)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("faas-vmm-devices-");
        Path = System.IO.Path.Combine(Directory.FullName, name);
        Content = new byte[sectors * 512];
        new Random(seed).NextBytes(Content);
        File.WriteAllBytes(Path, Content);
    }

    public DirectoryInfo Directory { get; }

    public string Path { get; }

    /// <summary>What the file held when it was created.</summary>
    public byte[] Content { get; }

    public void Dispose() => Directory.Delete(recursive: true);
}
