using Faas.Worker.Images.Unpacking;

namespace Faas.Worker.Tests.Images.Unpacking;

public sealed class EntryPathTests
{
    [Theory]
    [InlineData("etc/passwd", "etc/passwd")]
    [InlineData("./etc/passwd", "etc/passwd")]
    [InlineData("etc//ssl/./certs/", "etc/ssl/certs")]
    [InlineData("./", "")]
    [InlineData(".", "")]
    [InlineData("usr/lib/../bin/sh", "usr/bin/sh")]
    public void Normalizes_names_inside_the_root(string name, string expected)
    {
        Assert.True(EntryPath.TryNormalize(name, out var relative, out _));
        Assert.Equal(expected, relative);
    }

    [Theory]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("../etc/passwd", "escapes the image root")]
    [InlineData("a/../../etc/passwd", "escapes the image root")]
    [InlineData("", "has an empty or invalid name")]
    public void Refuses_names_outside_the_root(string name, string problem)
    {
        Assert.False(EntryPath.TryNormalize(name, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData("usr/bin/sh", "busybox", true)]
    [InlineData("usr/bin/sh", "../../bin/busybox", true)]
    [InlineData("usr/bin/sh", "../../../bin/busybox", false)]
    [InlineData("sh", "../busybox", false)]
    [InlineData("lib", "/usr/lib", true)]
    [InlineData("etc/evil", "/../../../../etc/shadow", true)]
    public void Allows_absolute_symlink_targets_and_relative_ones_that_stay_inside(string link, string target, bool safe)
    {
        Assert.Equal(safe, EntryPath.IsSafeSymlinkTarget(link, target));
    }

    [Fact]
    public void Lists_the_directories_above_a_path()
    {
        Assert.Equal(["a", "a/b"], EntryPath.Ancestors("a/b/c"));
        Assert.Empty(EntryPath.Ancestors("a"));
    }
}
