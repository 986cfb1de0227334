namespace Faas.Cli.Client.Stack;

/// <summary>A faas.yaml (faas-cli's stack file): the gateway it names and its functions, in file order.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Gateway">provider.gateway, or null.</param>
/// <param name="Functions">One deploy request per function.</param>
public sealed record StackFile(string Path, string? Gateway, IReadOnlyList<FunctionDeployment> Functions)
{
    /// <summary>The functions named, in the order named; all of them when <paramref name="names"/> is empty.</summary>
    /// <exception cref="StackFileException">A name is not in the file.</exception>
    public IReadOnlyList<FunctionDeployment> Select(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return Functions;
        }

        return [.. names.Distinct(StringComparer.Ordinal).Select(name =>
            Functions.FirstOrDefault(f => string.Equals(f.Service, name, StringComparison.Ordinal))
            ?? throw new StackFileException(Path, null, $"no function '{name}' in the file (it has: {string.Join(", ", Functions.Select(f => f.Service))})", name))];
    }
}
