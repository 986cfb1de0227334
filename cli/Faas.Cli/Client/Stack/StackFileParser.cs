using System.Globalization;
using Faas.Common.Names;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Faas.Cli.Client.Stack;

/// <summary>
/// Reads faas-cli's stack file (version, provider: {name, gateway}, functions: {NAME: {image, environment, …}}) plus faas's
/// own function keys. Unknown keys are errors naming the file, line, function and key; ${VAR} is expanded in values.
/// </summary>
public sealed class StackFileParser
{
    private static readonly string[] TopLevelKeys = ["version", "provider", "functions", "configuration"];
    private static readonly string[] ProviderKeys = ["name", "gateway", "network"];
    private static readonly string[] ResourceKeys = ["memory", "cpu"];

    private static readonly string[] FunctionKeys =
    [
        "image", "fprocess", "environment", "environment_file", "labels", "annotations", "limits", "requests",
        "min_instances", "max_instances", "max_concurrency", "keep_alive", "timeout", "memory", "port", "user",
    ];

    /// <summary>faas-cli's build keys: `faas deploy` deploys images that are already built, so these do not matter to it.</summary>
    private static readonly string[] BuildKeys = ["lang", "handler", "build_args", "build_options", "build_secrets", "platforms", "skip_build"];

    private static readonly Dictionary<string, string> UnsupportedKeys = new(StringComparer.Ordinal)
    {
        ["secrets"] = "faas has no secret store: pass values with environment or environment_file",
        ["constraints"] = "faas does not support placement constraints",
        ["readonly_root_filesystem"] = "faas does not support this: a function's image is always mounted read-only with a writable tmpfs over it",
        ["namespace"] = "faas has no namespaces: the API key chooses the tenant",
    };

    private readonly string _file;
    private readonly string _directory;
    private readonly Func<string, string?> _environment;

    private StackFileParser(string file, string directory, Func<string, string?> environment)
    {
        _file = file;
        _directory = directory;
        _environment = environment;
    }

    /// <exception cref="StackFileException">The file is missing, not YAML, or not a valid stack file.</exception>
    public static StackFile Load(string path, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException(path, null, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message, innerException: e);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), environment);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The file's name, for messages.</param>
    /// <param name="baseDirectory">Where environment_file paths are relative to; the current directory when null.</param>
    /// <param name="environment">Variables for ${VAR}; the process environment when null.</param>
    /// <exception cref="StackFileException">Not YAML, or not a valid stack file.</exception>
    public static StackFile Parse(string yaml, string file, string? baseDirectory = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var parser = new StackFileParser(file, baseDirectory ?? Directory.GetCurrentDirectory(), environment ?? Environment.GetEnvironmentVariable);
        return parser.ParseStack(yaml);
    }

    private StackFile ParseStack(string yaml)
    {
        var root = LoadRoot(yaml, _file);
        string? gateway = null;
        List<FunctionDeployment>? functions = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = KeyOf(keyNode, null);
            switch (key)
            {
                case "version":
                    Scalar(value, null, key);
                    break;
                case "provider":
                    gateway = ParseProvider(value);
                    break;
                case "functions":
                    functions = ParseFunctions(value);
                    break;
                case "configuration":
                    break;
                default:
                    throw Unknown(keyNode, null, key, TopLevelKeys);
            }
        }

        if (functions is null or { Count: 0 })
        {
            throw new StackFileException(_file, null, "no functions: expected a 'functions:' mapping of name to function");
        }

        return new StackFile(_file, gateway, functions);
    }

    private string? ParseProvider(YamlNode node)
    {
        string? gateway = null;
        foreach (var (keyNode, value) in Mapping(node, null, "provider").Children)
        {
            var key = KeyOf(keyNode, null);
            switch (key)
            {
                case "name" or "network":
                    Scalar(value, null, $"provider.{key}");
                    break;
                case "gateway":
                    gateway = Scalar(value, null, "provider.gateway");
                    break;
                default:
                    throw Unknown(keyNode, null, $"provider.{key}", ProviderKeys);
            }
        }

        return gateway;
    }

    private List<FunctionDeployment> ParseFunctions(YamlNode node)
    {
        var functions = new List<FunctionDeployment>();
        foreach (var (keyNode, value) in Mapping(node, null, "functions").Children)
        {
            var name = KeyOf(keyNode, null);
            if (!DnsLabel.IsFunctionName(name))
            {
                throw new StackFileException(_file, Line(keyNode), $"'{name}' is not a function name: a DNS label (a-z, 0-9, '-') of at most {DnsLabel.MaxFunctionNameLength} characters", name);
            }

            functions.Add(ParseFunction(name, value));
        }

        return functions;
    }

    private FunctionDeployment ParseFunction(string name, YamlNode node)
    {
        var mapping = Mapping(node, name, null);
        string? image = null;
        Dictionary<string, string>? environment = null;
        var environmentFiles = new List<string>();
        var deployment = new FunctionDeployment { Service = name, Image = "" };
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = KeyOf(keyNode, name);
            if (UnsupportedKeys.TryGetValue(key, out var why))
            {
                throw new StackFileException(_file, Line(keyNode), why, name, key);
            }

            deployment = key switch
            {
                "image" => deployment with { Image = image = Scalar(value, name, key) ?? "" },
                "fprocess" => deployment with { EnvProcess = Scalar(value, name, key) },
                "environment" => deployment with { EnvVars = environment = StringMap(value, name, key) },
                "environment_file" => Collect(deployment, environmentFiles, StringList(value, name, key)),
                "labels" => deployment with { Labels = StringMap(value, name, key) },
                "annotations" => deployment with { Annotations = StringMap(value, name, key) },
                "limits" => deployment with { Limits = Resources(value, name, key) },
                "requests" => deployment with { Requests = Resources(value, name, key) },
                "min_instances" => deployment with { MinInstances = Integer(value, name, key, 0) },
                "max_instances" => deployment with { MaxInstances = Integer(value, name, key, 1) },
                "max_concurrency" => deployment with { MaxConcurrency = Integer(value, name, key, 1) },
                "keep_alive" => deployment with { KeepAlive = Checked(value, name, key, SpecValues.IsDuration, "a duration such as 30s, 5m, 1h30m or a number of seconds") },
                "timeout" => deployment with { Timeout = Checked(value, name, key, SpecValues.IsDuration, "a duration such as 30s, 5m, 1h30m or a number of seconds") },
                "memory" => deployment with { Memory = Checked(value, name, key, SpecValues.IsMemory, "a size such as 256Mi, 1Gi or a number of MiB") },
                "port" => deployment with { Port = Port(value, name, key) },
                "user" => deployment with { User = Scalar(value, name, key) },
                _ when BuildKeys.Contains(key) => deployment,
                _ => throw Unknown(keyNode, name, key, FunctionKeys),
            };
        }

        if (string.IsNullOrWhiteSpace(image))
        {
            throw new StackFileException(_file, Line(node), "no image: every function needs 'image: REGISTRY/NAME:TAG'", name, "image");
        }

        if (environmentFiles.Count > 0)
        {
            // As faas-cli: values from environment_file files override 'environment'.
            var merged = new Dictionary<string, string>(environment ?? [], StringComparer.Ordinal);
            foreach (var path in environmentFiles)
            {
                foreach (var (key, value) in ReadEnvironmentFile(path, name))
                {
                    merged[key] = value;
                }
            }

            deployment = deployment with { EnvVars = merged };
        }

        return deployment;
    }

    private static FunctionDeployment Collect(FunctionDeployment deployment, List<string> into, List<string> paths)
    {
        into.AddRange(paths);
        return deployment;
    }

    private Dictionary<string, string> ReadEnvironmentFile(string path, string function)
    {
        var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(_directory, path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StackFileException(_file, null, $"cannot read {fullPath}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}", function, "environment_file", e);
        }

        var nested = new StackFileParser(path, Path.GetDirectoryName(fullPath)!, _environment);
        var root = LoadRoot(text, path);
        Dictionary<string, string>? environment = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = nested.KeyOf(keyNode, null);
            environment = key == "environment" ? nested.StringMap(value, null, key) : throw nested.Unknown(keyNode, null, key, ["environment"]);
        }

        return environment ?? [];
    }

    private static YamlMappingNode LoadRoot(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new StackFileException(file, e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}", innerException: e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new StackFileException(file, null, "the file is empty");
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new StackFileException(file, Line(stream.Documents[0].RootNode), "expected a mapping with version, provider and functions");
    }

    private string KeyOf(YamlNode key, string? function) =>
        key is YamlScalarNode { Value: { } text } ? text : throw new StackFileException(_file, Line(key), "a key must be a plain name", function);

    private StackFileException Unknown(YamlNode keyNode, string? function, string key, IEnumerable<string> known) =>
        new(_file, Line(keyNode), $"unknown key (known keys here: {string.Join(", ", known)})", function, key);

    private YamlMappingNode Mapping(YamlNode node, string? function, string? key) =>
        node as YamlMappingNode ?? throw new StackFileException(_file, Line(node), "expected a mapping of keys to values", function, key);

    /// <returns>The expanded value; null for an empty or null value.</returns>
    private string? Scalar(YamlNode node, string? function, string key)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw new StackFileException(_file, Line(node), "expected a single value, not a list or mapping", function, key);
        }

        if (scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null"))
        {
            return null;
        }

        return VariableExpander.TryExpand(scalar.Value, _environment, out var expanded, out var error)
            ? expanded
            : throw new StackFileException(_file, Line(node), error, function, key);
    }

    private string? Checked(YamlNode node, string? function, string key, Func<string, bool> isValid, string expected)
    {
        var value = Scalar(node, function, key);
        return value is null || isValid(value) ? value : throw new StackFileException(_file, Line(node), $"'{value}' is not {expected}", function, key);
    }

    private int? Integer(YamlNode node, string function, string key, int minimum)
    {
        var value = Scalar(node, function, key);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new StackFileException(_file, Line(node), $"'{value}' is not a whole number of at least {minimum}", function, key);
    }

    private int? Port(YamlNode node, string function, string key)
    {
        var port = Integer(node, function, key, 1);
        return port is null or <= 65535 ? port : throw new StackFileException(_file, Line(node), $"{port} is not a port (1 to 65535)", function, key);
    }

    private Dictionary<string, string> StringMap(YamlNode node, string? function, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entryKey, entryValue) in Mapping(node, function, key).Children)
        {
            var name = KeyOf(entryKey, function);
            map[name] = Scalar(entryValue, function, $"{key}.{name}") ?? "";
        }

        return map;
    }

    private List<string> StringList(YamlNode node, string function, string key)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children.Select(item => Scalar(item, function, key)).OfType<string>()];
        }

        return Scalar(node, function, key) is { } single ? [single] : [];
    }

    private FunctionResources? Resources(YamlNode node, string function, string key)
    {
        string? memory = null;
        string? cpu = null;
        foreach (var (keyNode, value) in Mapping(node, function, key).Children)
        {
            var name = KeyOf(keyNode, function);
            switch (name)
            {
                case "memory":
                    memory = Checked(value, function, $"{key}.memory", SpecValues.IsMemory, "a size such as 256Mi, 1Gi or a number of MiB");
                    break;
                case "cpu":
                    cpu = Checked(value, function, $"{key}.cpu", SpecValues.IsCpu, "a number of CPUs such as 1, 2 or 0.5");
                    break;
                default:
                    throw Unknown(keyNode, function, $"{key}.{name}", ResourceKeys);
            }
        }

        var resources = new FunctionResources(memory, cpu);
        return resources.IsEmpty ? null : resources;
    }

    private static long? Line(YamlNode node) => node.Start.Line;
}
