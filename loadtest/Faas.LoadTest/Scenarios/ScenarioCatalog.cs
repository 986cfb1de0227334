namespace Faas.LoadTest.Scenarios;

/// <summary>
/// Where the scenario files and k6 scripts are: the repository's loadtest/ folder ($FAAS_SOURCE_DIR) when there is one, so edits
/// count at once; else the copy next to this assembly.
/// </summary>
public sealed class ScenarioCatalog
{
    public const string SourceDirectoryVariable = "FAAS_SOURCE_DIR";

    public ScenarioCatalog(string directory)
    {
        Directory = directory;
    }

    /// <summary>The loadtest folder: the k6 scripts, and scenarios/ under it.</summary>
    public string Directory { get; }

    public string ScenarioDirectory => Path.Combine(Directory, "scenarios");

    public static ScenarioCatalog Locate()
    {
        if (Environment.GetEnvironmentVariable(SourceDirectoryVariable) is { Length: > 0 } source
            && System.IO.Directory.Exists(Path.Combine(source, "loadtest", "scenarios")))
        {
            return new ScenarioCatalog(Path.Combine(source, "loadtest"));
        }

        return new ScenarioCatalog(Path.Combine(AppContext.BaseDirectory, "loadtest"));
    }

    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(ScenarioDirectory)
            ? [.. System.IO.Directory.EnumerateFiles(ScenarioDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    public string ScenarioPath(string name) => Path.Combine(ScenarioDirectory, $"{name}.json");

    /// <summary>The k6 script of a scenario: loadtest/{name}.js.</summary>
    public string ScriptPath(string name) => Path.Combine(Directory, $"{name}.js");

    /// <exception cref="ScenarioException">No such scenario, or its file is not valid.</exception>
    public Scenario Load(string name, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = ScenarioPath(name);
        if (name.Contains('/', StringComparison.Ordinal) || !File.Exists(path))
        {
            throw new ScenarioException($"no scenario '{name}' in {ScenarioDirectory}; there are: {string.Join(", ", Names())}");
        }

        try
        {
            return ScenarioReader.Parse(File.ReadAllText(path), overrides);
        }
        catch (ScenarioException e)
        {
            throw new ScenarioException($"{path}: {e.Message}", e);
        }
    }
}
