using Faas.Vmm.Qemu.Snapshots;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>Guest RAM files are mostly holes; moving and copying them must not fill the holes in.</summary>
public sealed class SparseFileTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly TemporaryRunRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void DataBytes_counts_only_what_was_written()
    {
        var path = WriteSparse(Path.Combine(_root.Path, "ram"));

        using var file = File.OpenHandle(path, FileMode.Open);
        var data = SparseFile.DataBytes(file);

        // Two 4 KiB writes; file systems allocate in blocks of at most 64 KiB.
        Assert.InRange(data, 8 * 1024, 2 * 64 * 1024);
        Assert.Equal(64L * MiB, RandomAccess.GetLength(file));
    }

    [Fact]
    public void Copy_keeps_the_content_and_the_holes_and_skips_zero_blocks()
    {
        var source = WriteSparse(Path.Combine(_root.Path, "ram"));
        using (var file = File.OpenHandle(source, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.Write(file, new byte[MiB], 40L * MiB); // written zeros: data in the source, a hole in the copy
        }

        var destination = Path.Combine(_root.Path, "copy");

        SparseFile.Copy(source, destination);

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(destination));
        using var copy = File.OpenHandle(destination, FileMode.Open);
        Assert.InRange(SparseFile.DataBytes(copy), 8 * 1024, 2 * 64 * 1024);
    }

    [Fact]
    public void Move_to_another_file_system_copies_sparsely_and_removes_the_source()
    {
        var source = WriteSparse(Path.Combine("/dev/shm", $"faas-sparse-{Guid.NewGuid():N}"));
        var expected = File.ReadAllBytes(source);
        var destination = Path.Combine(_root.Path, "moved");

        SparseFile.Move(source, destination);

        Assert.False(File.Exists(source));
        Assert.Equal(expected, File.ReadAllBytes(destination));
        using var moved = File.OpenHandle(destination, FileMode.Open);
        Assert.InRange(SparseFile.DataBytes(moved), 8 * 1024, 2 * 64 * 1024);
    }

    [Fact]
    public void Move_on_one_file_system_is_a_rename()
    {
        var source = WriteSparse(Path.Combine(_root.Path, "ram"));
        var modified = new FileInfo(source).LastWriteTimeUtc;
        var destination = Path.Combine(_root.Path, "renamed");

        SparseFile.Move(source, destination);

        Assert.False(File.Exists(source));
        Assert.Equal(modified, new FileInfo(destination).LastWriteTimeUtc);
    }

    /// <summary>64 MiB with 4 KiB written at 1 MiB and at 63 MiB, holes elsewhere.</summary>
    private static string WriteSparse(string path)
    {
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        RandomAccess.SetLength(file, 64L * MiB);
        var page = new byte[4096];
        Array.Fill(page, (byte)0xA5);
        RandomAccess.Write(file, page, 1L * MiB);
        RandomAccess.Write(file, page, 63L * MiB);
        return path;
    }
}
