using System.Net;

namespace Faas.Worker.Images.References;

/// <summary>A parsed image reference.</summary>
/// <param name="Original">What the caller wrote; used in messages.</param>
/// <param name="SkopeoName">The same image in skopeo's transport:details syntax.</param>
/// <param name="RegistryHost">For registries: <c>host[:port]</c> as written (the key of the credentials); null otherwise.</param>
/// <param name="Repository">For registries: the repository path, e.g. <c>library/alpine</c>.</param>
/// <param name="Digest">For registry references by digest: that digest (of a manifest or an index).</param>
internal sealed record ImageReference(
    ImageTransport Transport,
    string Original,
    string SkopeoName,
    string? RegistryHost,
    string? Repository,
    string? Digest)
{
    /// <summary>Loopback registries (127.0.0.0/8, localhost, [::1]) are spoken to over plain HTTP; all others over verified HTTPS.</summary>
    public bool IsLoopbackRegistry => RegistryHost is { } host && IsLoopbackHost(host);

    /// <summary>The source to copy once the manifest digest is known: registries are pinned to it so a moving tag cannot change the image mid-pull.</summary>
    public string PinnedSkopeoName(string manifestDigest) =>
        Transport == ImageTransport.Registry ? $"docker://{RegistryHost}/{Repository}@{manifestDigest}" : SkopeoName;

    private static bool IsLoopbackHost(string hostAndPort)
    {
        string host;
        if (hostAndPort.StartsWith('['))
        {
            var end = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? hostAndPort[1..end] : hostAndPort;
        }
        else
        {
            var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
            host = colon >= 0 ? hostAndPort[..colon] : hostAndPort;
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
