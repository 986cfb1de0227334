using Faas.Worker.Snapshots.Transfer;

namespace Faas.Worker.Tests.Snapshots.Transfer;

/// <summary>What a fetched manifest may name: plain relative paths, sane sizes, its own key.</summary>
public sealed class ManifestCheckTests
{
    private static readonly string Key = new('a', 64);

    [Theory]
    [InlineData("vm/memory")]
    [InlineData("function.json")]
    [InlineData("a/b/C-1_2.x")]
    public void Plain_relative_paths_are_accepted(string path) => Assert.Null(ManifestCheck.PathProblem(path));

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../outside")]
    [InlineData("vm/../../outside")]
    [InlineData("./vm/memory")]
    [InlineData("vm//memory")]
    [InlineData("vm/")]
    [InlineData("vm\\memory")]
    [InlineData("vm/mem ory")]
    [InlineData("vm/%2e%2e")]
    [InlineData("a/b/c/d")]
    [InlineData("digest")]
    [InlineData("vm/\u00e9")]
    public void Anything_else_is_refused(string path) => Assert.NotNull(ManifestCheck.PathProblem(path));

    [Fact]
    public void Sizes_must_be_positive_and_add_up_to_less_than_the_cap()
    {
        Assert.Null(ManifestCheck.Problem(Manifest(("a", 10), ("b", 20)), Key, 30));
        Assert.Contains("more than", ManifestCheck.Problem(Manifest(("a", 10), ("b", 21)), Key, 30), StringComparison.Ordinal);
        Assert.Contains("negative", ManifestCheck.Problem(Manifest(("a", -1)), Key, 30), StringComparison.Ordinal);
        Assert.Contains("more than", ManifestCheck.Problem(Manifest(("a", long.MaxValue), ("b", long.MaxValue)), Key, 30), StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_must_be_the_one_asked_for_and_paths_unique()
    {
        Assert.Contains("not", ManifestCheck.Problem(Manifest(("a", 1)) with { Key = new string('b', 64) }, Key, 30), StringComparison.Ordinal);
        Assert.Contains("twice", ManifestCheck.Problem(Manifest(("a", 1), ("a", 1)), Key, 30), StringComparison.Ordinal);
        Assert.NotNull(ManifestCheck.Problem(Manifest(), Key, 30));
        Assert.NotNull(ManifestCheck.Problem(null, Key, 30));
    }

    private static SnapshotManifest Manifest(params (string Path, long Size)[] files) =>
        new(Key, "sha256:" + new string('0', 64), [.. files.Select(file => new SnapshotFile(file.Path, file.Size))]);
}
