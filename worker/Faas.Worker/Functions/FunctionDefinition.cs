using Faas.Worker.Snapshots;

namespace Faas.Worker.Functions;

/// <summary>Everything the worker needs to run a function: its image, how to start it, the size of its VMs and its limits.</summary>
public sealed record FunctionDefinition
{
    public const long DefaultMaxBodyBytes = 32L * 1024 * 1024;

    /// <summary>The tenant that owns the function; a DNS label (a-z, 0-9, '-').</summary>
    public required string Tenant { get; init; }

    /// <summary>The function's name within its tenant; a DNS label.</summary>
    public required string Name { get; init; }

    /// <summary>The image reference, e.g. 127.0.0.1:5000/samples/python-http or oci-archive:/path/image.tar.</summary>
    public required string Image { get; init; }

    /// <summary>What the deploy changes of the image's own entrypoint, cmd, environment, working directory, user and port.</summary>
    public FunctionOverrides Overrides { get; init; } = new();

    /// <summary>Guest RAM of each instance.</summary>
    public int MemoryMiB { get; init; } = 256;

    /// <summary>Virtual CPUs of each instance.</summary>
    public int VcpuCount { get; init; } = 1;

    /// <summary>How long one call may take, from forwarding the request to the end of the response; past it the call gets 504 and the instance is recycled.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the function's process may take to accept connections on its port after it starts.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls one instance serves at the same time; more calls get more instances.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>The most instances of this function on this worker; calls beyond them wait briefly, then get 429.</summary>
    public int MaxInstances { get; init; } = 10;

    /// <summary>The largest request body; a larger one gets 413.</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The largest response body; a larger one is cut off and the instance recycled.</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Snapshot the function once it is ready, so that new instances are restored instead of booted.</summary>
    public bool Snapshot { get; init; } = true;

    /// <summary>
    /// A peer that already holds this function's snapshot: the deploy fetches it from there (verified against its digest) instead of
    /// booting a VM to take it, and takes it after all when that fails. Where the snapshot comes from does not make two deploys differ.
    /// </summary>
    public SnapshotSource? SnapshotSource { get; init; }

    public FunctionKey Key => new(Tenant, Name);
}
