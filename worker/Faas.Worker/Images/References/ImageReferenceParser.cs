using System.Text.RegularExpressions;

namespace Faas.Worker.Images.References;

/// <summary>
/// Parses <c>host[:port]/repo[:tag|@sha256:…]</c> (Docker's normalization: no host means docker.io), <c>docker://…</c>,
/// <c>oci:DIR[:TAG]</c>, <c>oci-archive:FILE[:TAG]</c> and <c>docker-archive:FILE</c>.
/// </summary>
internal static partial class ImageReferenceParser
{
    private const string DefaultRegistry = "docker.io";
    private const string DefaultTag = "latest";

    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim();
        if (text.Length == 0)
        {
            throw Invalid(reference, "it is empty");
        }

        if (text.StartsWith("oci:", StringComparison.Ordinal))
        {
            return ParseLocal(reference, ImageTransport.OciLayout, "oci", text["oci:".Length..]);
        }

        if (text.StartsWith("oci-archive:", StringComparison.Ordinal))
        {
            return ParseLocal(reference, ImageTransport.OciArchive, "oci-archive", text["oci-archive:".Length..]);
        }

        if (text.StartsWith("docker-archive:", StringComparison.Ordinal))
        {
            return ParseLocal(reference, ImageTransport.DockerArchive, "docker-archive", text["docker-archive:".Length..]);
        }

        if (text.StartsWith("docker://", StringComparison.Ordinal))
        {
            text = text["docker://".Length..];
        }

        return ParseRegistry(reference, text);
    }

    private static ImageReference ParseLocal(string original, ImageTransport transport, string prefix, string details)
    {
        // skopeo splits PATH from the optional tag at the first colon, so the path itself cannot contain one.
        var colon = details.IndexOf(':', StringComparison.Ordinal);
        var path = colon >= 0 ? details[..colon] : details;
        var suffix = colon >= 0 ? details[colon..] : "";
        if (path.Length == 0)
        {
            throw Invalid(original, $"'{prefix}:' needs a path");
        }

        if (colon >= 0 && suffix.Length == 1)
        {
            throw Invalid(original, "the tag after ':' is empty");
        }

        return new ImageReference(transport, original, $"{prefix}:{Path.GetFullPath(path)}{suffix}", null, null, null);
    }

    private static ImageReference ParseRegistry(string original, string text)
    {
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw Invalid(original, $"'{digest}' is not a sha256 digest (sha256: and 64 lowercase hex digits)");
            }
        }

        string? tag = null;
        var lastSlash = text.LastIndexOf('/');
        var lastColon = text.LastIndexOf(':');
        if (lastColon > lastSlash)
        {
            tag = text[(lastColon + 1)..];
            text = text[..lastColon];
            if (!TagPattern().IsMatch(tag))
            {
                throw Invalid(original, $"'{tag}' is not a valid tag");
            }
        }

        var firstSlash = text.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash >= 0 ? text[..firstSlash] : "";
        string host;
        string repository;
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first.StartsWith('[') || first == "localhost"))
        {
            host = first;
            repository = text[(firstSlash + 1)..];
        }
        else
        {
            host = DefaultRegistry;
            repository = firstSlash >= 0 ? text : $"library/{text}";
        }

        if (!HostPattern().IsMatch(host))
        {
            throw Invalid(original, $"'{host}' is not a valid registry host");
        }

        if (!RepositoryPattern().IsMatch(repository))
        {
            throw Invalid(original, $"'{repository}' is not a valid repository name (lowercase letters, digits and . _ - / separators)");
        }

        if (digest is null)
        {
            tag ??= DefaultTag;
        }

        var name = $"{host}/{repository}{(tag is null ? "" : ":" + tag)}{(digest is null ? "" : "@" + digest)}";
        return new ImageReference(ImageTransport.Registry, original, $"docker://{name}", host, repository, digest);
    }

    private static ImageException Invalid(string reference, string problem) =>
        new(ImageErrorKind.InvalidReference, reference, $"'{reference}' is not a valid image reference: {problem}. Expected host[:port]/repository[:tag|@sha256:…], oci:DIR[:TAG], oci-archive:FILE[:TAG] or docker-archive:FILE.");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();
}
