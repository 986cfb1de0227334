using System.Text;

namespace Faas.Cli.Hosting;

/// <summary>Columns padded to their widest cell, two spaces apart, header first (as docker ps / kubectl get print).</summary>
public static class TextTable
{
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        List<IReadOnlyList<string>> lines = [header, .. rows];
        var widths = Enumerable.Range(0, header.Count).Select(column => lines.Max(line => column < line.Count ? line[column].Length : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            var cells = Enumerable.Range(0, header.Count).Select(column => (column < line.Count ? line[column] : "").PadRight(widths[column]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }

        return text.ToString();
    }
}
