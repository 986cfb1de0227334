using System.Security.Cryptography;
using System.Text;

namespace Faas.Scheduler.Storage;

/// <summary>
/// Where a grain's state lives under the store's root: {state name}/{grain type}/{grain key}.json, each part escaped so it is one
/// plain file name (no '/', never "." or ".."), whatever the key holds.
/// </summary>
internal static class StateFilePath
{
    private const int MaxNameLength = 200;

    public static string For(string root, string stateName, GrainId grainId) =>
        Path.Combine(root, Escape(stateName), Escape(grainId.Type.ToString()!), Escape(grainId.Key.ToString()!) + ".json");

    /// <summary>Keeps ASCII letters, digits, '-' and '_'; writes every other byte of the UTF-8 form as %XX; "~" for an empty name.</summary>
    public static string Escape(string name)
    {
        if (name.Length == 0)
        {
            return "~";
        }

        var escaped = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (escaped.Length <= MaxNameLength)
        {
            return escaped.ToString();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return $"{escaped.ToString(0, MaxNameLength - 65)}~{hash}";
    }
}
