using Faas.Cli.Hosting;

namespace Faas.Cli.Tests.Cluster;

public sealed class ClusterConfigurationTests
{
    [Fact]
    public void Binds_every_setting_from_FAAS_variables()
    {
        var configuration = ClusterConfiguration.Build(environment: new Dictionary<string, string?>
        {
            ["FAAS_POSTGRES"] = "Host=db;Username=faas;Database=faas",
            ["FAAS_CLUSTER_ID"] = "blue",
            ["FAAS_SERVICE_ID"] = "svc",
            ["FAAS_ADVERTISE"] = "10.0.0.5",
            ["FAAS_SILO_PORT"] = "11112",
            ["FAAS_SILO_GATEWAY_PORT"] = "30001",
            ["FAAS_WORKER_ID"] = "w7",
            ["FAAS_WORKER_URL"] = "http://10.0.0.5:8081",
            ["FAAS_MEMORY_CAPACITY"] = "2048",
            ["FAAS_WORKER_CACHE_DIR"] = "/var/cache/w7",
            ["FAAS_METRICS_LISTEN"] = "http://0.0.0.0:9464",
            ["HOME"] = "/root",
        });

        var cluster = ClusterConfiguration.Cluster(configuration);
        var worker = ClusterConfiguration.Worker(configuration);

        Assert.Equal("Host=db;Username=faas;Database=faas", cluster.RequirePostgres());
        Assert.Equal("blue", cluster.ClusterId);
        Assert.Equal("svc", cluster.ServiceId);
        Assert.Equal("10.0.0.5", cluster.AdvertisedAddress);
        Assert.Equal(11112, cluster.SiloPort);
        Assert.Equal(30001, cluster.SiloGatewayPort);
        Assert.Equal("w7", worker.WorkerId);
        Assert.Equal("http://10.0.0.5:8081", worker.Url);
        Assert.Equal(2048, worker.MemoryCapacityMiB);
        Assert.Equal("/var/cache/w7", worker.CacheDirectory);
        Assert.Equal("http://0.0.0.0:9464", worker.MetricsUrl);
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var configuration = ClusterConfiguration.Build(environment: new Dictionary<string, string?>());

        var cluster = ClusterConfiguration.Cluster(configuration);

        Assert.Equal("faas", cluster.ClusterId);
        Assert.Equal("faas", cluster.ServiceId);
        Assert.Equal("127.0.0.1", cluster.AdvertisedAddress);
        Assert.Equal(ClusterOptions.DefaultSiloPort, cluster.SiloPort);
        Assert.Equal(ClusterOptions.DefaultSiloGatewayPort, cluster.SiloGatewayPort);
        Assert.Null(ClusterConfiguration.Worker(configuration).WorkerId);
    }

    [Fact]
    public void Flags_override_the_environment()
    {
        var configuration = ClusterConfiguration.Build(
            new Dictionary<string, string?> { ["SILO_PORT"] = "4000", ["CLUSTER_ID"] = null },
            new Dictionary<string, string?> { ["FAAS_SILO_PORT"] = "11112", ["FAAS_CLUSTER_ID"] = "blue" });

        var cluster = ClusterConfiguration.Cluster(configuration);

        Assert.Equal(4000, cluster.SiloPort);
        Assert.Equal("blue", cluster.ClusterId);
    }

    [Fact]
    public void A_missing_database_is_a_clear_error_naming_the_variable()
    {
        var cluster = ClusterConfiguration.Cluster(ClusterConfiguration.Build(environment: new Dictionary<string, string?>()));

        var error = Assert.Throws<ClusterConfigurationException>(() => cluster.RequirePostgres());

        Assert.Contains("FAAS_POSTGRES", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_port_is_a_clear_error()
    {
        var configuration = ClusterConfiguration.Build(environment: new Dictionary<string, string?> { ["FAAS_SILO_PORT"] = "eleven" });

        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfiguration.Cluster(configuration));

        Assert.Contains("SILO_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_variable_the_hosts_read_is_listed()
    {
        foreach (var name in new[] { "FAAS_POSTGRES", "FAAS_CLUSTER_ID", "FAAS_SERVICE_ID", "FAAS_ADVERTISE", "FAAS_SILO_PORT", "FAAS_SILO_GATEWAY_PORT", "FAAS_LISTEN", "FAAS_WORKER_ID", "FAAS_WORKER_URL", "FAAS_MEMORY_CAPACITY", "FAAS_WORKER_CACHE_DIR", "FAAS_METRICS_LISTEN", "FAAS_BACKEND", "FAAS_REDIS" })
        {
            Assert.True(ClusterConfiguration.Variables.ContainsKey(name), name);
        }
    }
}
