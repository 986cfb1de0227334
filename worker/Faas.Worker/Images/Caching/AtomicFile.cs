namespace Faas.Worker.Images.Caching;

/// <summary>Writes a file through a temporary sibling and a rename, so readers see the old or the new content, never a part.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
