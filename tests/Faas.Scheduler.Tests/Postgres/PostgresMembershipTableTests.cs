using System.Net;
using Faas.Scheduler.Postgres;
using Orleans.Runtime;

namespace Faas.Scheduler.Tests.Postgres;

[Collection(PostgresGroup.Name)]
public sealed class PostgresMembershipTableTests(PostgresServer server)
{
    private const string Cluster = "test-cluster";

    [Fact]
    public async Task An_inserted_row_is_read_back_with_the_new_table_version()
    {
        var (table, _) = await NewTableAsync();
        var empty = await table.ReadAll();
        var entry = Entry(11111, SiloStatus.Joining);
        entry.AddOrUpdateSuspector(Silo(22222), DateTime.UtcNow, 10);

        Assert.True(await table.InsertRow(entry, empty.Version.Next()));
        var all = await table.ReadAll();
        var row = await table.ReadRow(entry.SiloAddress);

        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);
        Assert.Equal(1, all.Version.Version);
        Assert.NotEqual(empty.Version.VersionEtag, all.Version.VersionEtag);
        var (stored, etag) = Assert.Single(all.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(entry.HostName, stored.HostName);
        Assert.Equal(entry.RoleName, stored.RoleName);
        Assert.Equal(entry.ProxyPort, stored.ProxyPort);
        Assert.Equal(entry.StartTime, stored.StartTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(Silo(22222), Assert.Single(stored.SuspectTimes!).Item1);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(all.Version, row.Version);
        Assert.Equal(entry.SiloAddress, Assert.Single(row.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task An_insert_of_an_existing_silo_or_with_a_stale_table_etag_fails_without_side_effects()
    {
        var (table, _) = await NewTableAsync();
        var initial = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Joining), initial.Next()));
        var current = (await table.ReadAll()).Version;

        Assert.False(await table.InsertRow(Entry(11111, SiloStatus.Joining), current.Next()));
        Assert.False(await table.InsertRow(Entry(33333, SiloStatus.Joining), initial.Next()));

        var after = await table.ReadAll();
        Assert.Equal(current, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task An_update_needs_the_current_row_and_table_etags()
    {
        var (table, _) = await NewTableAsync();
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        var rowETag = read.Members[0].Item2;
        entry.Status = SiloStatus.Active;

        Assert.False(await table.UpdateRow(entry, "a-stale-row-etag", read.Version.Next()));
        Assert.False(await table.UpdateRow(entry, rowETag, new TableVersion(read.Version.Version + 1, "a-stale-table-etag")));
        Assert.False(await table.UpdateRow(Entry(44444, SiloStatus.Active), rowETag, read.Version.Next()));
        Assert.Equal(SiloStatus.Joining, (await table.ReadRow(entry.SiloAddress)).Members[0].Item1.Status);

        Assert.True(await table.UpdateRow(entry, rowETag, read.Version.Next()));
        var updated = await table.ReadRow(entry.SiloAddress);
        Assert.Equal(SiloStatus.Active, updated.Members[0].Item1.Status);
        Assert.Equal(read.Version.Version + 1, updated.Version.Version);
        Assert.NotEqual(rowETag, updated.Members[0].Item2);
        Assert.False(await table.UpdateRow(entry, rowETag, updated.Version.Next()));
    }

    [Fact]
    public async Task I_am_alive_changes_only_the_heartbeat()
    {
        var (table, _) = await NewTableAsync();
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var beat = entry.IAmAliveTime.AddMinutes(5);
        entry.IAmAliveTime = beat;
        entry.Status = SiloStatus.Dead;

        await table.UpdateIAmAlive(entry);
        var after = await table.ReadAll();

        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(beat, stored.IAmAliveTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.True(await table.UpdateRow(entry, etag, after.Version.Next()));
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_last_seen_before_the_date()
    {
        var (table, _) = await NewTableAsync();
        var longAgo = DateTime.UtcNow.AddHours(-2);
        var oldDead = Entry(11111, SiloStatus.Dead, longAgo);
        var oldActive = Entry(22222, SiloStatus.Active, longAgo);
        var recentDead = Entry(33333, SiloStatus.Dead, DateTime.UtcNow);
        foreach (var entry in new[] { oldDead, oldActive, recentDead })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddHours(-1));

        var remaining = (await table.ReadAll()).Members.Select(member => member.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { oldActive.SiloAddress, recentDead.SiloAddress }, remaining);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_but_not_other_clusters()
    {
        var (table, database) = await NewTableAsync();
        var other = new PostgresMembershipTable(database, "other-cluster");
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(11111, SiloStatus.Active), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries(Cluster);

        var gone = await table.ReadAll();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        Assert.Single((await other.ReadAll()).Members);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task Concurrent_inserts_from_the_same_version_let_exactly_one_through()
    {
        var (table, _) = await NewTableAsync();
        var version = (await table.ReadAll()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(index => Task.Run(() => table.InsertRow(Entry(11111 + index, SiloStatus.Joining), version))));

        Assert.Single(results, succeeded => succeeded);
        Assert.Single((await table.ReadAll()).Members);
    }

    [Fact]
    public async Task The_gateway_list_holds_the_proxy_endpoints_of_active_silos()
    {
        var (table, database) = await NewTableAsync();
        var active = Entry(11111, SiloStatus.Active);
        var joining = Entry(22222, SiloStatus.Joining);
        Assert.True(await table.InsertRow(active, (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(joining, (await table.ReadAll()).Version.Next()));
        var gateways = new PostgresGatewayListProvider(database, Cluster, TimeSpan.FromSeconds(5));
        await gateways.InitializeGatewayListProvider();

        var list = await gateways.GetGateways();

        Assert.True(gateways.IsUpdatable);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri(), Assert.Single(list));
    }

    private async Task<(PostgresMembershipTable Table, string Database)> NewTableAsync()
    {
        var database = await server.CreateDatabaseAsync();
        var table = new PostgresMembershipTable(database, Cluster);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return (table, database);
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(IPAddress.Loopback, port, 42);

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? seen = null)
    {
        var time = seen ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = Silo(port),
            Status = status,
            SiloName = $"silo-{port}",
            HostName = "host",
            RoleName = "worker-1",
            ProxyPort = port + 1,
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = time,
            IAmAliveTime = time,
            SuspectTimes = [],
        };
    }
}
