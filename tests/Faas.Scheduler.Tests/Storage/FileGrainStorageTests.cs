using Faas.Scheduler.Storage;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Tests.Storage;

public sealed class FileGrainStorageTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("faas-file-storage-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task State_round_trips_through_one_json_file_and_a_stale_etag_is_refused()
    {
        var storage = NewStorage();
        var grain = GrainId.Create("faas.tenant", "acme");
        var first = new GrainState<Sample>(new Sample { Names = ["a"] });
        await storage.WriteStateAsync("tenant", grain, first);
        var reader = new GrainState<Sample>();
        await storage.ReadStateAsync("tenant", grain, reader);
        var stale = new GrainState<Sample>(new Sample { Names = ["stale"] }) { ETag = "an-old-etag" };

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tenant", grain, stale));
        reader.State!.Names.Add("b");
        await storage.WriteStateAsync("tenant", grain, reader);
        var refusedFirst = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tenant", grain, first));
        var again = new GrainState<Sample>();
        await NewStorage().ReadStateAsync("tenant", grain, again);

        Assert.True(reader.RecordExists);
        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(reader.ETag, refusedFirst.StoredEtag);
        Assert.Equal(["a", "b"], again.State!.Names);
        Assert.Single(Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Missing_state_is_empty_and_cleared_state_is_gone()
    {
        var storage = NewStorage();
        var grain = GrainId.Create("faas.function", "acme/hello");
        var state = new GrainState<Sample>();
        await storage.ReadStateAsync("function", grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Names);

        state.State.Names.Add("x");
        await storage.WriteStateAsync("function", grain, state);
        await storage.ClearStateAsync("function", grain, state);
        var after = new GrainState<Sample>();
        await storage.ReadStateAsync("function", grain, after);

        Assert.False(after.RecordExists);
        Assert.Empty(Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("acme/hello")]
    [InlineData("%2E%2E")]
    public async Task A_grain_key_never_leaves_the_root_directory(string key)
    {
        var storage = NewStorage();

        await storage.WriteStateAsync("function", GrainId.Create("faas.function", key), new GrainState<Sample>(new Sample()));

        var file = Assert.Single(Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_root.FullName, "function", "faas%2Efunction"), Path.GetDirectoryName(file));
    }

    [Fact]
    public void Escaped_names_are_distinct_and_bounded()
    {
        var names = new[] { "a/b", "a%2Fb", "a.b", "a_b", "", new string('x', 500), new string('x', 501) };

        var escaped = names.Select(StateFilePath.Escape).ToList();

        Assert.Equal(names.Length, escaped.Distinct(StringComparer.Ordinal).Count());
        Assert.All(escaped, name => Assert.InRange(name.Length, 1, 200));
        Assert.All(escaped, name => Assert.DoesNotContain('/', name));
    }

    private FileGrainStorage NewStorage() => new("test", _root.FullName, new SampleActivators());

    public sealed class Sample
    {
        public List<string> Names { get; set; } = [];
    }

    private sealed class SampleActivators : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => new NewActivator<T>();
    }

    private sealed class NewActivator<T> : IActivator<T>
    {
        public T Create() => Activator.CreateInstance<T>();
    }
}
