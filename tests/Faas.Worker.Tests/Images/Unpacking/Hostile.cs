using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Unpacking;

/// <summary>Layers that try to write (or link, or delete) outside the image root, aimed at a canary directory next to it.</summary>
internal static class Hostile
{
    /// <param name="canary">An absolute path outside the image; relative escapes climb to / (enough "..") and down to it.</param>
    /// <returns>The layers, and the name of the entry that must be refused.</returns>
    public static (TarLayer[] Layers, string Entry) Layers(string kind, string canary)
    {
        var outside = string.Concat(Enumerable.Repeat("../", 32)) + canary.TrimStart('/');
        return kind switch
        {
            "traversal" => ([new TarLayer().File("ok", "ok").File($"{outside}/pwned", "pwned")], $"{outside}/pwned"),
            "absolute" => ([new TarLayer().File($"{canary}/pwned", "pwned")], $"{canary}/pwned"),
            "escaping-symlink" => ([new TarLayer().Symlink("escape", outside), new TarLayer().File("escape/pwned", "pwned")], "escape"),
            "hardlink-outside" => ([new TarLayer().HardLink("stolen", $"{outside}/keep")], "stolen"),
            "hardlink-through-symlink" => ([new TarLayer().Symlink("evil", canary).HardLink("stolen", "evil/keep")], "stolen"),
            "device" => ([new TarLayer().CharacterDevice("dev/mem", 1, 1)], "dev/mem"),
            "write-through-symlink" => ([new TarLayer().Symlink("evil", canary), new TarLayer().File("evil/pwned", "pwned")], "evil/pwned"),
            "whiteout-through-symlink" => ([new TarLayer().Symlink("evil", canary), new TarLayer().Whiteout("evil/keep")], "evil/.wh.keep"),
            "opaque-through-symlink" => ([new TarLayer().Symlink("evil", canary), new TarLayer().Opaque("evil")], "evil/.wh..wh..opq"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The canary holds exactly its one original file, unchanged and not linked from anywhere.</summary>
    public static void AssertCanaryUntouched(string canary)
    {
        Assert.Equal(["keep"], Directory.EnumerateFileSystemEntries(canary).Select(path => Path.GetFileName(path)));
        Assert.Equal("host file", File.ReadAllText(Path.Combine(canary, "keep")));
        Assert.Equal(0, Faas.Worker.Images.Interop.LibC.lstat(Path.Combine(canary, "keep"), out var status));
        Assert.Equal(1ul, status.st_nlink);
    }
}
