using System.Runtime.InteropServices;
using Faas.Worker.Images.Interop;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Interop;

/// <summary>Checks the hand-written struct stat and S_IF* constants against the C headers of this host.</summary>
public sealed class StatLayoutTests
{
    [Fact]
    public async Task Struct_stat_and_file_type_constants_match_sys_stat_h()
    {
        using var directory = new TemporaryDirectory();
        var source = directory.Combine("stat.c");
        await File.WriteAllTextAsync(source, """
            #include <stdio.h>
            #include <stddef.h>
            #include <sys/stat.h>
            int main(void) {
              printf("%zu %zu %zu %zu %zu %zu %zu\n", sizeof(struct stat), offsetof(struct stat, st_ino), offsetof(struct stat, st_nlink),
                offsetof(struct stat, st_mode), offsetof(struct stat, st_uid), offsetof(struct stat, st_gid), offsetof(struct stat, st_size));
              printf("%u %u %u %u %u %u %u %u\n", S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO);
              return 0;
            }
            """, TestContext.Current.CancellationToken);
        var program = directory.Combine("stat");
        await Programs.RunAsync("cc", "-o", program, source);

        var lines = (await Programs.RunAsync(program)).StandardOutputText.Split('\n');

        var expectedLayout = string.Join(' ', Marshal.SizeOf<LibC.stat>(), Offset("st_ino"), Offset("st_nlink"), Offset("st_mode"), Offset("st_uid"), Offset("st_gid"), Offset("st_size"));
        Assert.Equal(expectedLayout, lines[0]);
        Assert.Equal(string.Join(' ', LibC.S_IFMT, LibC.S_IFSOCK, LibC.S_IFLNK, LibC.S_IFREG, LibC.S_IFBLK, LibC.S_IFDIR, LibC.S_IFCHR, LibC.S_IFIFO), lines[1]);
    }

    [Fact]
    public void Lstat_reports_what_the_runtime_sees()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("file");
        File.WriteAllBytes(file, new byte[1234]);
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_000);

        Assert.Equal(0, LibC.lstat(file, out var status));

        Assert.Equal(1234, status.st_size);
        Assert.Equal(LibC.S_IFREG | 0b111_101_000u, status.st_mode);
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<LibC.stat>(field);
}
