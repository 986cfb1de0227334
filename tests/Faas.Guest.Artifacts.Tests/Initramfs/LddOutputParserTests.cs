using Faas.Guest.Artifacts.Initramfs;

namespace Faas.Guest.Artifacts.Tests.Initramfs;

public sealed class LddOutputParserTests
{
    [Fact]
    public void Keeps_libraries_and_the_loader_and_skips_the_vdso()
    {
        var report = LddOutputParser.Parse(
        [
            "\tlinux-vdso.so.1 (0x00007ffc1b3f2000)",
            "\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f2a5c000000)",
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a5be1f000)",
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f2a5c2ad000)",
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a5be1f000)",
        ]);

        Assert.Equal(["/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], report.Libraries);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Reports_libraries_that_are_not_found()
    {
        var report = LddOutputParser.Parse(["\tlibmissing.so.3 => not found", "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a5be1f000)"]);

        Assert.Equal(["libmissing.so.3"], report.Missing);
        Assert.Equal(["/lib/x86_64-linux-gnu/libc.so.6"], report.Libraries);
    }

    [Fact]
    public void A_statically_linked_program_needs_nothing()
    {
        var report = LddOutputParser.Parse(["\tstatically linked"]);

        Assert.Empty(report.Libraries);
        Assert.Empty(report.Missing);
    }
}
