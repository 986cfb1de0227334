using System.Text;

namespace Faas.Vmm;

/// <summary>Reads what a guest printed on its serial console, from the file a backend logs it to.</summary>
public static class ConsoleTail
{
    private const int TailBytes = 64 * 1024;

    /// <summary>The last <paramref name="lines"/> lines of the log, or null when it is missing or empty.</summary>
    public static string? Read(string path, int lines = 30)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.Seek(Math.Max(0, file.Length - TailBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(file, Encoding.UTF8);
            var text = reader.ReadToEnd().Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd('\n');
            if (text.Length == 0)
            {
                return null;
            }

            var all = text.Split('\n');
            return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
