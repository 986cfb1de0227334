namespace Faas.Scheduler.Functions;

/// <summary>Compares specs by value: the record's own equality compares its lists and dictionaries by reference.</summary>
internal static class FunctionSpecs
{
    public static bool AreEqual(FunctionSpec a, FunctionSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Image == b.Image
            && SameList(a.Command, b.Command)
            && SameMap(a.EnvVars, b.EnvVars)
            && SameMap(a.Labels, b.Labels)
            && SameMap(a.Annotations, b.Annotations)
            && a.MemoryMiB == b.MemoryMiB
            && a.VcpuCount == b.VcpuCount
            && a.MinInstances == b.MinInstances
            && a.MaxInstances == b.MaxInstances
            && a.MaxConcurrency == b.MaxConcurrency
            && a.KeepAlive == b.KeepAlive
            && a.Timeout == b.Timeout
            && a.Port == b.Port
            && a.User == b.User
            && a.MaxRequestBytes == b.MaxRequestBytes;
    }

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b, StringComparer.Ordinal);

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= EmptyMap;
        b ??= EmptyMap;
        return a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, string> EmptyMap = [];
}
