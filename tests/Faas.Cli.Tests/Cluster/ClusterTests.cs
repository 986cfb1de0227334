using System.Diagnostics;
using System.Text.Json.Nodes;
using Faas.Cli.Hosting;
using GatewayApi = Faas.Cli.Tests.Platform.Gateway;
using Faas.Cli.Tests.Support;
using Faas.Scheduler.Postgres;
using Npgsql;

namespace Faas.Cli.Tests.Cluster;

[Collection(ClusterGroup.Name)]
public sealed class ClusterTests(ClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Schema_is_applied_once_even_by_concurrent_first_starts()
    {
        Assert.Equal(PostgresSchema.Version, await PostgresSchema.AppliedVersionAsync(fixture.Cluster.PostgresConnectionString, Token));
        Assert.False(await PostgresSchema.EnsureAsync(fixture.Cluster.PostgresConnectionString, Token));

        var fresh = await CreateDatabaseAsync();
        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.EnsureAsync(fresh, Token), Token)));

        Assert.Single(applied, ran => ran);
        Assert.False(await PostgresSchema.EnsureAsync(fresh, Token));
        await using var check = new NpgsqlConnection(fresh);
        await check.OpenAsync(Token);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename IN ('faas_membership_version', 'faas_membership', 'faas_grain_state')", check);
        Assert.Equal(3L, await tables.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task A_database_at_an_older_schema_version_gets_the_current_tables()
    {
        var older = await CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(older))
        {
            await connection.OpenAsync(Token);
            await using var version = new NpgsqlCommand("CREATE TABLE faas_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO faas_schema (version) VALUES (1)", connection);
            await version.ExecuteNonQueryAsync(Token);
        }

        Assert.True(await PostgresSchema.EnsureAsync(older, Token));
        Assert.Equal(PostgresSchema.Version, await PostgresSchema.AppliedVersionAsync(older, Token));
        Assert.False(await PostgresSchema.EnsureAsync(older, Token));
    }

    [Fact]
    public async Task Calls_survive_a_killed_worker_and_deployments_survive_a_scheduler_restart()
    {
        using var client = fixture.Client();
        await GatewayApi.DeployAsync(client, GatewayApi.Deploy("hello", SampleImages.Reference("busybox-http")));
        for (var call = 0; call < 3; call++)
        {
            using var warm = await client.GetAsync("/function/hello", Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, warm.StatusCode);
        }

        // Load from three callers; once it runs, the worker holding the instances dies without warning.
        using var stop = new CancellationTokenSource();
        var calls = new System.Collections.Concurrent.ConcurrentBag<CallRecord>();
        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => CallUntilAsync(client, calls, stop.Token), Token)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3), Token);

        // Asynchronous calls queued in Redis just before the kill; some run on the worker that dies.
        var queued = new List<(string Id, string Path)>();
        for (var index = 0; index < 6; index++)
        {
            var path = $"/sleep/{1500 + index}";
            using var accepted = await client.GetAsync($"/async-function/hello{path}", Token);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
            queued.Add((JsonNode.Parse(await accepted.Content.ReadAsStringAsync(Token))!["id"]!.GetValue<string>(), path));
        }

        var victim = await BusiestWorkerAsync(client);
        var killedAt = DateTimeOffset.UtcNow;
        await fixture.Cluster.KillWorkerAsync(victim);
        await Task.Delay(TimeSpan.FromSeconds(25), Token);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var afterKill = calls.Where(call => call.StartedAt >= killedAt).ToList();
        var errors = calls.Where(call => call.Status != 200).ToList();
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"killed worker-{victim + 1}: {calls.Count} calls, {errors.Count} errors, {afterKill.Count(call => call.Status == 200)} successes after the kill, slowest {calls.Max(call => call.Elapsed).TotalSeconds:0.000} s");
        foreach (var error in errors.GroupBy(error => $"{error.Status} {Detail(error)}"))
        {
            output.WriteLine($"  {error.Count()} x {error.Key}");
        }

        Assert.Contains(afterKill, call => call.Status == 200);
        Assert.All(errors, error =>
        {
            Assert.True(error.Status is 502 or 503, $"{error.Status}: {error.Body}");
            Assert.Equal("application/problem+json", error.ContentType);
        });
        Assert.True(errors.Count <= 10, $"{errors.Count} errors while a worker died");
        Assert.All(calls, call => Assert.True(call.Elapsed < TimeSpan.FromSeconds(45), $"a call took {call.Elapsed}"));

        // Every queued call completes, once: one result each, answered by the function, and no path answered twice.
        foreach (var (id, path) in queued)
        {
            var result = await EventuallyAsync(async () =>
            {
                using var response = await client.GetAsync($"/system/async/{id}", Token);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
            });
            output.WriteLine($"async {path}: {result["status"]} {result["statusCode"]} after {result["attempts"]} attempt(s) on {result["instance"]}");
            Assert.Equal(("done", 200), (result["status"]!.GetValue<string>(), result["statusCode"]!.GetValue<int>()));
            Assert.Equal($"slept {path["/sleep/".Length..]} ms\n", result["body"]!.GetValue<string>());
        }

        var logs = await client.GetStringAsync("/system/logs?name=hello", Token);
        foreach (var (_, path) in queued)
        {
            var times = logs.Split('\n').Count(line => line.Contains($"GET {path}", StringComparison.Ordinal));
            Assert.True(times <= 1, $"{path} was answered {times} times");
        }

        // Without the scheduler the gateway says it is unhealthy; once the scheduler is back, deployments come back from
        // PostgreSQL and calls go on.
        await fixture.Cluster.StopSchedulerAsync();
        var unhealthy = await EventuallyAsync(async () =>
        {
            using var health = await client.GetAsync("/healthz", Token);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
            return await health.Content.ReadAsStringAsync(Token);
        });
        Assert.Contains("the scheduler does not answer", unhealthy, StringComparison.Ordinal);
        await fixture.Cluster.StartSchedulerAgainAsync(Token);
        var described = await EventuallyAsync(() => GatewayApi.DescribeAsync(client, "hello"));
        Assert.Equal("hello", described["name"]?.GetValue<string>());
        var answered = await EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync("/function/hello", Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Token);
        });
        Assert.Contains("hello", answered, StringComparison.Ordinal);

        using var metrics = new HttpClient();
        using var scheduler = await metrics.GetAsync(new Uri(fixture.Cluster.SchedulerMetrics + "/metrics"), Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, scheduler.StatusCode);
        using var gateway = await client.GetAsync("/metrics", Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, gateway.StatusCode);

        // The cluster is left as it was found: both workers up, no function.
        using var removed = await client.DeleteAsync("/system/functions?name=hello", Token);
        Assert.True(removed.IsSuccessStatusCode, $"remove: {(int)removed.StatusCode}");
        await fixture.Cluster.RestartWorkerAsync(victim, Token);
    }

    [Fact]
    public async Task A_worker_without_the_snapshot_fetches_it_from_the_worker_that_holds_it()
    {
        using var client = fixture.Client();
        // 1 GiB instances on 2 GiB workers: the snapshot's holder fits two, so the third concurrent call needs the other worker.
        await GatewayApi.DeployAsync(client, GatewayApi.Deploy("peer", SampleImages.Reference("busybox-http"), body => body["memory"] = "1024Mi"));
        try
        {
            var calls = await Task.WhenAll(Enumerable.Range(0, 3).Select(async index =>
            {
                using var response = await client.GetAsync($"/function/peer/sleep/{6000 + index}", Token);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Token), GatewayApi.Start(response));
            }));
            var described = await GatewayApi.DescribeAsync(client, "peer");
            var logs = await client.GetStringAsync("/system/logs?name=peer", Token);
            var output = TestContext.Current.TestOutputHelper!;
            foreach (var line in logs.Split('\n').Where(line => line.Contains("snapshot", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }

            Assert.All(calls, call => Assert.Equal(200, call.Item1));
            Assert.Equal(["slept 6000 ms\n", "slept 6001 ms\n", "slept 6002 ms\n"], calls.Select(call => call.Item2));
            Assert.All(calls, call => Assert.Equal("restore", call.Item3));
            var workers = (described["instances"] as JsonArray ?? []).Select(instance => instance?["worker"]?.GetValue<string>()).Distinct().ToList();
            Assert.Equal(2, workers.Count);
            Assert.Contains("snapshot fetched from http://127.0.0.1:", logs, StringComparison.Ordinal);
            Assert.DoesNotContain("could not fetch the snapshot", logs, StringComparison.Ordinal);
        }
        finally
        {
            using var removed = await client.DeleteAsync("/system/functions?name=peer", CancellationToken.None);
        }
    }

    /// <summary>A new, empty database on the cluster's PostgreSQL; its connection string.</summary>
    private async Task<string> CreateDatabaseAsync()
    {
        var database = $"schema_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(fixture.Cluster.PostgresConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(Token);
        }

        return new NpgsqlConnectionStringBuilder(fixture.Cluster.PostgresConnectionString) { Database = database, Pooling = false }.ConnectionString;
    }

    private static async Task CallUntilAsync(HttpClient client, System.Collections.Concurrent.ConcurrentBag<CallRecord> calls, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var startedAt = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.GetAsync("/function/hello", CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                calls.Add(new CallRecord(startedAt, (int)response.StatusCode, watch.Elapsed, response.Content.Headers.ContentType?.MediaType, body));
                if (!response.IsSuccessStatusCode)
                {
                    // As a client honouring Retry-After would.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                calls.Add(new CallRecord(startedAt, 0, watch.Elapsed, null, e.Message));
            }
        }
    }

    /// <summary>The index of the worker running most of the function's instances.</summary>
    private static async Task<int> BusiestWorkerAsync(HttpClient client)
    {
        var described = await GatewayApi.DescribeAsync(client, "hello");
        var busiest = (described["instances"] as JsonArray ?? [])
            .Select(instance => instance?["worker"]?.GetValue<string>())
            .Where(worker => worker is not null)
            .GroupBy(worker => worker)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault() ?? "worker-1";
        return int.Parse(busiest["worker-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
    }

    private static string Detail(CallRecord call)
    {
        try
        {
            var detail = JsonNode.Parse(call.Body)?["detail"]?.GetValue<string>() ?? call.Body;
            return detail.Length > 160 ? detail[..160] : detail;
        }
        catch (System.Text.Json.JsonException)
        {
            return call.Body.Length > 160 ? call.Body[..160] : call.Body;
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Token);
            }
        }
    }
}
