using System.Text;
using Faas.Guest.Artifacts.Cpio;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests.Cpio;

public sealed class CpioWriterTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    public void Dispose() => temporary.Dispose();

    private static async Task<byte[]> WriteAsync(CpioWriter writer)
    {
        using var stream = new MemoryStream();
        await writer.WriteToAsync(stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    [Fact]
    public async Task Writes_directories_files_and_symlinks_sorted_with_sequential_inodes_and_zero_times()
    {
        var source = temporary.WriteFile("source.txt", "from disk\n");
        var writer = new CpioWriter();
        writer.AddSymlink("bin/sh", "busybox");
        writer.AddFile("init", source, CpioModes.Executable);
        writer.AddDirectory("bin");
        writer.AddFile("etc/motd", "hello"u8.ToArray(), CpioModes.Regular, userId: 1000, groupId: 100);

        var entries = NewcReader.Read(await WriteAsync(writer));

        Assert.Equal(["bin", "bin/sh", "etc", "etc/motd", "init"], entries.Select(e => e.Name));
        Assert.Equal([1u, 2u, 3u, 4u, 5u], entries.Select(e => e.Inode));
        Assert.All(entries, e => Assert.Equal(0u, e.ModificationTime));

        var bin = entries[0];
        Assert.Equal(0x41EDu, bin.Mode); // 040755
        Assert.Equal(2u, bin.LinkCount);
        Assert.Empty(bin.Data);

        var sh = entries[1];
        Assert.Equal(0xA1FFu, sh.Mode); // 0120777
        Assert.Equal("busybox", sh.LinkTarget);
        Assert.Equal(1u, sh.LinkCount);

        var implicitEtc = entries[2];
        Assert.True(implicitEtc.IsDirectory);
        Assert.Equal(0x1EDu, implicitEtc.Permissions);

        var motd = entries[3];
        Assert.Equal(0x81A4u, motd.Mode); // 0100644
        Assert.Equal((1000u, 100u), (motd.UserId, motd.GroupId));
        Assert.Equal("hello"u8.ToArray(), motd.Data);

        var init = entries[4];
        Assert.Equal(0x81EDu, init.Mode); // 0100755
        Assert.Equal((0u, 0u), (init.UserId, init.GroupId));
        Assert.Equal("from disk\n"u8.ToArray(), init.Data);
    }

    [Fact]
    public async Task An_empty_archive_is_just_the_trailer()
    {
        var bytes = await WriteAsync(new CpioWriter());

        Assert.Empty(NewcReader.Read(bytes));
        Assert.Equal(124, bytes.Length); // 110-byte header + "TRAILER!!!\0", padded to 4 bytes
    }

    [Fact]
    public async Task Same_entries_give_identical_bytes_whatever_the_insertion_order_and_file_times()
    {
        var first = BuildTree(temporary.Combine("a"), reverse: false, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = BuildTree(temporary.Combine("b"), reverse: true, new DateTime(2024, 6, 30, 12, 0, 0, DateTimeKind.Utc));

        var firstBytes = await WriteAsync(first);
        var secondBytes = await WriteAsync(second);

        Assert.Equal(firstBytes, secondBytes);
        Assert.Equal(firstBytes, await WriteAsync(first));
    }

    private static CpioWriter BuildTree(string root, bool reverse, DateTime fileTime)
    {
        string[] names = ["usr/lib/libz.so", "init", "bin/tool", "etc/hosts"];
        var writer = new CpioWriter();
        foreach (var name in reverse ? names.Reverse() : names)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"content of {name}");
            File.SetLastWriteTimeUtc(path, fileTime);
            writer.AddFile(name, path, CpioModes.Executable);
        }

        if (reverse)
        {
            writer.AddSymlink("bin/link", "tool");
            writer.AddDirectory("tmp", CpioModes.SharedTemporary);
        }
        else
        {
            writer.AddDirectory("tmp", CpioModes.SharedTemporary);
            writer.AddSymlink("bin/link", "tool");
        }

        return writer;
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("a/..")]
    [InlineData("./a")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("a\0b")]
    [InlineData("TRAILER!!!")]
    public void Rejects_names_that_are_not_plain_relative_paths(string name)
    {
        var writer = new CpioWriter();

        Assert.Throws<ArgumentException>(() => writer.AddFile(name, "x"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => writer.AddDirectory(name));
        Assert.Throws<ArgumentException>(() => writer.AddSymlink(name, "target"));
        Assert.Equal(0, writer.Count);
    }

    [Fact]
    public void Rejects_duplicates_and_files_used_as_directories()
    {
        var writer = new CpioWriter();
        writer.AddFile("a/file", "x"u8.ToArray());
        writer.AddDirectory("a", CpioModes.Private);

        Assert.Throws<ArgumentException>(() => writer.AddFile("a/file", "y"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => writer.AddDirectory("a"));
        Assert.Throws<ArgumentException>(() => writer.AddFile("a/file/below", "z"u8.ToArray()));
        Assert.Throws<ArgumentException>(() => writer.AddFile("a", "z"u8.ToArray()));
        Assert.Equal(2, writer.Count);
    }

    [Fact]
    public void Rejects_mode_bits_outside_the_permissions_and_missing_source_files()
    {
        var writer = new CpioWriter();

        Assert.Throws<ArgumentException>(() => writer.AddFile("f", "x"u8.ToArray(), (UnixFileMode)0x8000));
        Assert.Throws<FileNotFoundException>(() => writer.AddFile("f", temporary.Combine("missing")));
        Assert.Throws<ArgumentException>(() => writer.AddSymlink("l", "a\0b"));
    }

    [Fact]
    public async Task Pads_names_and_data_of_every_length_modulo_four()
    {
        var writer = new CpioWriter();
        var expected = new Dictionary<string, byte[]>();
        for (var nameLength = 1; nameLength <= 8; nameLength++)
        {
            for (var dataLength = 0; dataLength <= 8; dataLength++)
            {
                var name = $"{new string((char)('a' + nameLength - 1), nameLength)}{dataLength}";
                var data = Enumerable.Range(0, dataLength).Select(i => (byte)(0xF0 + i)).ToArray();
                writer.AddFile(name, data);
                expected[name] = data;
            }
        }

        var bytes = await WriteAsync(writer);
        var entries = NewcReader.Read(bytes);

        Assert.Equal(expected.Count, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Equal(expected[entry.Name], entry.Data);
        }

        var expectedLength = expected.Sum(pair => Align(110 + Encoding.UTF8.GetByteCount(pair.Key) + 1) + Align(pair.Value.Length)) + Align(110 + 11);
        Assert.Equal(expectedLength, bytes.Length);
    }

    private static int Align(int length) => (length + 3) & ~3;

    [Fact]
    public async Task Streams_large_files_from_disk()
    {
        var path = temporary.Combine("large.bin");
        var content = new byte[3 * 1024 * 1024 + 3];
        new Random(42).NextBytes(content);
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
        var writer = new CpioWriter();
        writer.AddFile("large.bin", path);

        var entry = Assert.Single(NewcReader.Read(await WriteAsync(writer)));

        Assert.Equal(content, entry.Data);
    }

    [Fact]
    public async Task Follows_symbolic_links_when_reading_file_content()
    {
        var target = temporary.WriteFile("real.so", "shared object");
        var link = temporary.Combine("link.so");
        File.CreateSymbolicLink(link, target);
        var writer = new CpioWriter();
        writer.AddFile("lib/link.so", link, CpioModes.Executable);

        var entry = NewcReader.Read(await WriteAsync(writer)).Single(e => e.Name == "lib/link.so");

        Assert.True(entry.IsRegularFile);
        Assert.Equal("shared object"u8.ToArray(), entry.Data);
    }

    [Fact]
    public async Task Gnu_cpio_extracts_the_same_files_modes_and_symlinks()
    {
        var source = temporary.WriteFile("script.sh", "#!/bin/sh\necho hi\n");
        var writer = new CpioWriter();
        writer.AddFile("bin/script", source, CpioModes.Executable);
        writer.AddSymlink("bin/alias", "script");
        writer.AddSymlink("lib64/loader", "/lib/x86_64-linux-gnu/ld.so");
        writer.AddFile("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"u8.ToArray());
        writer.AddFile("etc/secret", "s"u8.ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        writer.AddFile("empty", ReadOnlyMemory<byte>.Empty);
        writer.AddDirectory("tmp", CpioModes.SharedTemporary);
        writer.AddDirectory("root", CpioModes.Private);
        writer.AddDirectory("proc");
        var bytes = await WriteAsync(writer);
        var root = temporary.Combine("extracted");

        await CpioTool.ExtractAsync(bytes, root);

        Assert.Equal(
            ["bin", "bin/alias", "bin/script", "empty", "etc", "etc/passwd", "etc/secret", "lib64", "lib64/loader", "proc", "root", "tmp"],
            await CpioTool.ListAsync(bytes));
        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(Path.Combine(root, "bin/script")));
        Assert.Equal(CpioModes.Executable, File.GetUnixFileMode(Path.Combine(root, "bin/script")));
        Assert.Equal("script", new FileInfo(Path.Combine(root, "bin/alias")).LinkTarget);
        Assert.Equal("/lib/x86_64-linux-gnu/ld.so", new FileInfo(Path.Combine(root, "lib64/loader")).LinkTarget);
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\n", File.ReadAllText(Path.Combine(root, "etc/passwd")));
        Assert.Equal(CpioModes.Regular, File.GetUnixFileMode(Path.Combine(root, "etc/passwd")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "etc/secret")));
        Assert.Equal(0, new FileInfo(Path.Combine(root, "empty")).Length);
        Assert.Equal(CpioModes.SharedTemporary, File.GetUnixFileMode(Path.Combine(root, "tmp")));
        Assert.Equal(CpioModes.Private, File.GetUnixFileMode(Path.Combine(root, "root")));
        Assert.True(Directory.Exists(Path.Combine(root, "proc")));
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(Path.Combine(root, "etc/passwd")));
    }
}
