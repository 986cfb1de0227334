namespace Faas.Gateway.Hosting;

/// <summary>How the gateway forwards, caches and polls. Listen addresses belong to the host.</summary>
public sealed class GatewayOptions
{
    /// <summary>The workers' shared key, sent with every forwarded call (<c>X-Faas-Worker-Key</c>); null when the workers require none.</summary>
    public string? WorkerKey { get; set; }

    /// <summary>How long opening a connection to a worker may take before the call fails with 502.</summary>
    public TimeSpan ForwarderConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a forwarded call may go without any byte moving either way. The worker enforces the function's own timeout
    /// (504); this only catches a worker that stopped answering.
    /// </summary>
    public TimeSpan ForwarderActivityTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Connections kept open to each worker; unlimited by default.</summary>
    public int MaxConnectionsPerWorker { get; set; } = int.MaxValue;

    /// <summary>How long a known API key is trusted without asking the tenant directory again.</summary>
    public TimeSpan AuthCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown API key is refused without asking again.</summary>
    public TimeSpan AuthNegativeCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most API keys (known or unknown) remembered at once.</summary>
    public int AuthCacheCapacity { get; set; } = 10_000;

    /// <summary>How often <c>GET /system/logs?follow=true</c> asks the scheduler for new lines.</summary>
    public TimeSpan LogFollowPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a streamed deploy (<c>Accept: application/x-ndjson</c>) asks for the deploy's progress.</summary>
    public TimeSpan DeployProgressPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest deploy request body.</summary>
    public long MaxDeployBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The Retry-After of a 429 (every instance busy) or of a call whose instance went away.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long <c>/healthz</c> waits for the scheduler.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Redis (<c>HOST:PORT</c> or a StackExchange.Redis configuration string) for asynchronous invocations and the shared
    /// authentication cache; null runs without them (<c>/async-function</c> answers 503).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>This gateway's name among the consumers of the asynchronous call stream; unique per gateway process.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Tuning of asynchronous invocations (used only with <see cref="Redis"/>).</summary>
    public AsyncOptions Async { get; set; } = new();
}
