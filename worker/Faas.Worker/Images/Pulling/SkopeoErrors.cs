using System.Text.RegularExpressions;
using Faas.Worker.Images.References;
using Faas.Worker.Images.Tools;

namespace Faas.Worker.Images.Pulling;

/// <summary>Turns skopeo's last error line into an <see cref="ImageException"/> that says what went wrong in the user's terms.</summary>
internal static partial class SkopeoErrors
{
    public static ImageException Translate(ToolResult result, ImageReference reference)
    {
        var message = ExtractMessage(result);
        var name = reference.Original;
        var quoted = $"(skopeo: {message})";

        if (DigestMismatch().Match(message) is { Success: true } mismatch)
        {
            var digest = mismatch.Groups["digest"].Value;
            return new ImageException(ImageErrorKind.DigestMismatch, name, $"blob {digest} of {name} does not match its digest {quoted}")
            {
                BlobDigest = digest,
            };
        }

        if (Contains(message, "unauthorized", "authentication required", "denied", "invalid username/password"))
        {
            return new ImageException(ImageErrorKind.Unauthorized, name, $"access to image {name} was refused: check the registry credentials {quoted}");
        }

        if (Contains(message, "manifest unknown", "name unknown", "not found", "no descriptor found", "no such file or directory", "does not exist"))
        {
            return new ImageException(ImageErrorKind.NotFound, name, $"image {name} not found {quoted}");
        }

        if (Contains(message, "connection refused", "no such host", "i/o timeout", "network is unreachable", "dial tcp", "TLS handshake", "x509:", "server gave HTTP response"))
        {
            return new ImageException(ImageErrorKind.Unreachable, name, $"registry {reference.RegistryHost ?? name} could not be reached for {name} {quoted}");
        }

        return new ImageException(ImageErrorKind.ToolFailed, name, $"skopeo failed (exit code {result.ExitCode}) for {name} {quoted}");
    }

    /// <summary>skopeo logs <c>time="…" level=fatal msg="…"</c>; the message is what matters.</summary>
    private static string ExtractMessage(ToolResult result)
    {
        var line = result.LastErrorLine ?? "no output";
        var match = LogMessage().Match(line);
        return match.Success ? match.Groups["message"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : line;
    }

    private static bool Contains(string message, params string[] fragments) =>
        fragments.Any(fragment => message.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("""msg="(?<message>(?:[^"\\]|\\.)*)" """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LogMessage();

    [GeneratedRegex("Digest did not match, expected (?<digest>sha256:[0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex DigestMismatch();
}
