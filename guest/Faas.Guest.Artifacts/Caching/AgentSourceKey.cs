using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Faas.Guest.Artifacts.Caching;

/// <summary>
/// The guest agent's cache key: SHA-256 over the relative path and content of every source file that can change
/// the published binary, in ordinal path order. Build outputs (bin/, obj/) and hidden directories are not inputs.
/// </summary>
internal static class AgentSourceKey
{
    public static readonly IReadOnlyList<string> ProjectDirectories = ["guest/Faas.Guest.Agent", "guest/Faas.Guest.Protocol"];

    public static readonly IReadOnlyList<string> RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props"];

    private static readonly string[] BuildOutputDirectories = ["bin", "obj"];

    /// <returns>'/'-separated paths relative to <paramref name="sourceRoot"/>, sorted ordinally.</returns>
    public static IReadOnlyList<string> ListInputs(string sourceRoot)
    {
        var inputs = new List<string>();
        foreach (var project in ProjectDirectories)
        {
            var directory = Path.Combine(sourceRoot, project);
            if (Directory.Exists(directory))
            {
                inputs.AddRange(EnumerateSources(directory).Select(file => Path.GetRelativePath(sourceRoot, file).Replace(Path.DirectorySeparatorChar, '/')));
            }
        }

        inputs.AddRange(RootFiles.Where(file => File.Exists(Path.Combine(sourceRoot, file))));
        inputs.Sort(StringComparer.Ordinal);
        return inputs;
    }

    public static async Task<string> ComputeAsync(string sourceRoot, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = new byte[sizeof(long)];
        foreach (var input in ListInputs(sourceRoot))
        {
            var path = Encoding.UTF8.GetBytes(input);
            var content = await File.ReadAllBytesAsync(Path.Combine(sourceRoot, input), cancellationToken).ConfigureAwait(false);
            BinaryPrimitives.WriteInt64LittleEndian(length, path.Length);
            hash.AppendData(length);
            hash.AppendData(path);
            BinaryPrimitives.WriteInt64LittleEndian(length, content.Length);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> EnumerateSources(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (SourceExtensions.Contains(Path.GetExtension(file), StringComparer.Ordinal))
            {
                yield return file;
            }
        }

        foreach (var subdirectory in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(subdirectory);
            if (name.StartsWith('.') || BuildOutputDirectories.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var file in EnumerateSources(subdirectory))
            {
                yield return file;
            }
        }
    }
}
