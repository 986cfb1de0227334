namespace Faas.Guest.Artifacts.Initramfs;

/// <summary>
/// Reads glibc ldd output: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)", "/lib64/ld-linux-x86-64.so.2 (0x…)",
/// "linux-vdso.so.1 (0x…)" (in the kernel, no file), "libfoo.so.1 => not found".
/// </summary>
internal static class LddOutputParser
{
    private const string Arrow = "=>";
    private const string AddressStart = " (0x";
    private const string NotFound = "not found";

    public static LddReport Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var libraries = new List<string>();
        var missing = new List<string>();
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            var location = arrow >= 0 ? line[(arrow + Arrow.Length)..].Trim() : line;
            if (arrow >= 0 && location.StartsWith(NotFound, StringComparison.Ordinal))
            {
                missing.Add(line[..arrow].Trim());
                continue;
            }

            var path = WithoutAddress(location);
            if (path.StartsWith('/') && !libraries.Contains(path, StringComparer.Ordinal))
            {
                libraries.Add(path);
            }
        }

        return new LddReport(libraries, missing);
    }

    private static string WithoutAddress(string location)
    {
        var address = location.LastIndexOf(AddressStart, StringComparison.Ordinal);
        return (address >= 0 ? location[..address] : location).Trim();
    }
}
