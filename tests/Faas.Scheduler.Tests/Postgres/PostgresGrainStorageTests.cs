using Faas.Scheduler.Postgres;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Tests.Postgres;

[Collection(PostgresGroup.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server)
{
    [Fact]
    public async Task State_round_trips_and_a_stale_etag_is_refused()
    {
        var storage = await NewStorageAsync();
        var grain = GrainId.Create("faas.tenant", "acme");
        var first = new GrainState<Sample>(new Sample { Names = ["a"] });
        await storage.WriteStateAsync("tenant", grain, first);
        var reader = new GrainState<Sample>();
        await storage.ReadStateAsync("tenant", grain, reader);
        var stale = new GrainState<Sample>(new Sample { Names = ["stale"] }) { ETag = "an-old-etag" };
        var fresh = new GrainState<Sample>(new Sample { Names = ["fresh"] });

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tenant", grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tenant", grain, fresh));
        reader.State!.Names.Add("b");
        await storage.WriteStateAsync("tenant", grain, reader);
        var refusedFirst = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("tenant", grain, first));
        var again = new GrainState<Sample>();
        await storage.ReadStateAsync("tenant", grain, again);

        Assert.True(reader.RecordExists);
        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(reader.ETag, refusedFirst.StoredEtag);
        Assert.Equal(reader.ETag, again.ETag);
        Assert.Equal(["a", "b"], again.State!.Names);
    }

    [Fact]
    public async Task Missing_state_is_empty_and_cleared_state_is_gone()
    {
        var storage = await NewStorageAsync();
        var grain = GrainId.Create("faas.function", "acme/hello");
        var state = new GrainState<Sample>();
        await storage.ReadStateAsync("function", grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Names);

        state.State.Names.Add("x");
        await storage.WriteStateAsync("function", grain, state);
        var stale = new GrainState<Sample>(new Sample()) { ETag = "an-old-etag" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("function", grain, stale));
        await storage.ClearStateAsync("function", grain, state);
        var after = new GrainState<Sample>();
        await storage.ReadStateAsync("function", grain, after);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False(after.RecordExists);
        Assert.Empty(after.State!.Names);
    }

    [Fact]
    public async Task States_of_different_grains_and_names_are_kept_apart()
    {
        var storage = await NewStorageAsync();
        var acme = GrainId.Create("faas.tenant", "acme");
        var other = GrainId.Create("faas.tenant", "other");
        await storage.WriteStateAsync("tenant", acme, new GrainState<Sample>(new Sample { Names = ["acme"] }));
        await storage.WriteStateAsync("tenant", other, new GrainState<Sample>(new Sample { Names = ["other"] }));
        await storage.WriteStateAsync("extra", acme, new GrainState<Sample>(new Sample { Names = ["extra"] }));

        var read = new GrainState<Sample>();
        await storage.ReadStateAsync("tenant", other, read);

        Assert.Equal(["other"], read.State!.Names);
    }

    private async Task<PostgresGrainStorage> NewStorageAsync()
    {
        var database = await server.CreateDatabaseAsync();
        await PostgresSchema.EnsureAsync(database, TestContext.Current.CancellationToken);
        return new PostgresGrainStorage("test", database, new SampleActivators());
    }

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
