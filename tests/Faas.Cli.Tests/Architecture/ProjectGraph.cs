using System.Xml.Linq;
using Faas.Tests.Shared;

namespace Faas.Cli.Tests.Architecture;

/// <summary>
/// The ProjectReference graph of the repository, read from the .csproj files (conditions ignored: every reference
/// counts). Projects are named by their file name without the extension, e.g. <c>Faas.Worker</c>.
/// </summary>
internal sealed class ProjectGraph
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules"];

    private readonly Dictionary<string, ProjectNode> _projects;

    private ProjectGraph(Dictionary<string, ProjectNode> projects) => _projects = projects;

    public static ProjectGraph Repository { get; } = Load(RepositoryRoot.Path);

    public IEnumerable<ProjectNode> Projects => _projects.Values;

    public ProjectNode this[string name] =>
        _projects.TryGetValue(name, out var project)
            ? project
            : throw new KeyNotFoundException($"no project {name}.csproj under {RepositoryRoot.Path} (known: {string.Join(", ", _projects.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The shortest chain of references from <paramref name="from"/> to <paramref name="to"/>, both ends included, or null.</summary>
    public IReadOnlyList<string>? FindPath(string from, string to)
    {
        var previous = new Dictionary<string, string?> { [this[from].Name] = null };
        var queue = new Queue<string>([this[from].Name]);
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                var path = new List<string>();
                for (string? step = current; step is not null; step = previous[step])
                {
                    path.Add(step);
                }

                path.Reverse();
                return path;
            }

            foreach (var reference in this[current].References)
            {
                if (previous.TryAdd(reference, current))
                {
                    queue.Enqueue(reference);
                }
            }
        }

        return null;
    }

    /// <summary>Every project reachable from <paramref name="from"/>, each with the shortest chain that reaches it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reachable(string from) =>
        _projects.Keys
            .Where(name => name != this[from].Name)
            .Select(name => (name, path: FindPath(from, name)))
            .Where(pair => pair.path is not null)
            .ToDictionary(pair => pair.name, pair => pair.path!, StringComparer.Ordinal);

    /// <summary>ProjectReferences whose file does not exist, as "Project -> path".</summary>
    public IEnumerable<string> MissingReferences =>
        _projects.Values.SelectMany(project => project.ReferencedFiles.Where(path => !File.Exists(path)).Select(path => $"{project.Name} -> {path}"));

    public static string Describe(IEnumerable<string> path) => string.Join(" -> ", path);

    private static ProjectGraph Load(string root)
    {
        var projects = new Dictionary<string, ProjectNode>(StringComparer.Ordinal);
        var pending = new Queue<string>(EnumerateProjectFiles(root));
        var seen = new HashSet<string>(pending, StringComparer.Ordinal);
        while (pending.TryDequeue(out var file))
        {
            var node = Read(root, file);
            if (!projects.TryAdd(node.Name, node))
            {
                throw new InvalidOperationException($"two projects named {node.Name}: {projects[node.Name].File} and {node.File}");
            }

            foreach (var referenced in node.ReferencedFiles.Where(path => File.Exists(path) && seen.Add(path)))
            {
                pending.Enqueue(referenced);
            }
        }

        return new ProjectGraph(projects);
    }

    private static ProjectNode Read(string root, string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        var document = XDocument.Load(file);
        var referencedFiles = document.Descendants()
            .Where(element => element.Name.LocalName == "ProjectReference")
            .Select(element => (string?)element.Attribute("Include"))
            .OfType<string>()
            .Select(include => include
                .Replace("$(RepoRoot)", root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                .Replace("$(MSBuildThisFileDirectory)", directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                .Replace('\\', Path.DirectorySeparatorChar))
            .Select(include => Path.GetFullPath(include, directory))
            .ToList();
        var isTestProject = document.Descendants().Any(element => element.Name.LocalName == "IsTestProject" && element.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            || Path.GetRelativePath(root, file).Replace('\\', '/').StartsWith("tests/", StringComparison.Ordinal);
        return new ProjectNode(Path.GetFileNameWithoutExtension(file), Path.GetRelativePath(root, file), isTestProject, referencedFiles);
    }

    private static IEnumerable<string> EnumerateProjectFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.csproj"))
        {
            yield return Path.GetFullPath(file);
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (name.StartsWith('.') || SkippedDirectories.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var file in EnumerateProjectFiles(child))
            {
                yield return file;
            }
        }
    }
}
