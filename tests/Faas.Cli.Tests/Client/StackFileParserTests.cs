using Faas.Cli.Client;
using Faas.Cli.Client.Stack;

namespace Faas.Cli.Tests.Client;

public sealed class StackFileParserTests : IDisposable
{
    private const string FullExample = """
        version: 1.0
        provider:
          name: openfaas
          gateway: http://127.0.0.1:9999
        configuration:
          templates:
            - name: python3-http
        functions:
          hello:
            lang: python3-http
            handler: ./hello
            image: 127.0.0.1:5000/samples/python-http:${TAG:-latest}
            fprocess: python3 /app/server.py
            environment:
              GREETING: hi
              write_debug: true
              FROM_FILE: stack
            environment_file:
              - env.yaml
            labels:
              team: web
            annotations:
              note: anything
            limits:
              memory: 256Mi
              cpu: 1
            requests:
              memory: 128Mi
              cpu: 500m
            min_instances: 1
            max_instances: 5
            max_concurrency: 2
            keep_alive: 5m
            timeout: 30s
            memory: 512Mi
            port: 8081
            user: "1000"
          second:
            image: 127.0.0.1:5000/samples/busybox-http:latest
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("faas-stack-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string? NoVariables(string name) => null;

    private StackFile Parse(string yaml, Func<string, string?>? environment = null) =>
        StackFileParser.Parse(yaml, "faas.yaml", _directory, environment ?? NoVariables);

    private StackFileException Refused(string yaml, Func<string, string?>? environment = null) =>
        Assert.Throws<StackFileException>(() => Parse(yaml, environment));

    [Fact]
    public void Full_example_maps_every_key_onto_the_deploy_request()
    {
        File.WriteAllText(Path.Combine(_directory, "env.yaml"), "environment:\n  FROM_FILE: file\n  DB_HOST: db\n");

        var stack = Parse(FullExample);

        Assert.Equal("http://127.0.0.1:9999", stack.Gateway);
        Assert.Equal(["hello", "second"], stack.Functions.Select(f => f.Service));
        var hello = stack.Functions[0];
        Assert.Equal("127.0.0.1:5000/samples/python-http:latest", hello.Image);
        Assert.Equal("python3 /app/server.py", hello.EnvProcess);
        Assert.Equal(
            new Dictionary<string, string> { ["GREETING"] = "hi", ["write_debug"] = "true", ["FROM_FILE"] = "file", ["DB_HOST"] = "db" },
            hello.EnvVars);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web" }, hello.Labels);
        Assert.Equal(new Dictionary<string, string> { ["note"] = "anything" }, hello.Annotations);
        Assert.Equal(new FunctionResources("256Mi", "1"), hello.Limits);
        Assert.Equal(new FunctionResources("128Mi", "500m"), hello.Requests);
        Assert.Equal((1, 5, 2), (hello.MinInstances, hello.MaxInstances, hello.MaxConcurrency));
        Assert.Equal(("5m", "30s", "512Mi", 8081, "1000"), (hello.KeepAlive, hello.Timeout, hello.Memory, hello.Port, hello.User));
        var second = stack.Functions[1];
        Assert.Equal(new FunctionDeployment { Service = "second", Image = "127.0.0.1:5000/samples/busybox-http:latest" }, second);
        Assert.Null(second.EnvVars);
        Assert.Null(second.Limits);
    }

    [Fact]
    public void Variables_are_expanded_from_the_environment()
    {
        File.WriteAllText(Path.Combine(_directory, "env.yaml"), "environment: {}\n");

        var stack = Parse(FullExample, name => name == "TAG" ? "2.0" : null);

        Assert.Equal("127.0.0.1:5000/samples/python-http:2.0", stack.Functions[0].Image);
    }

    [Fact]
    public void An_unknown_function_key_names_file_line_function_and_key()
    {
        var e = Refused("""
            functions:
              hello:
                image: x
                replicas: 3
            """);

        Assert.Equal(("faas.yaml", 4L, "hello", "replicas"), (e.File, e.Line, e.Function, e.Key));
        Assert.StartsWith("faas.yaml:4: function 'hello', key 'replicas': unknown key (known keys here: image, ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("provider:\n  name: openfaas\n  url: x\nfunctions:\n  a:\n    image: x\n", "provider.url")]
    [InlineData("functions:\n  a:\n    image: x\n    limits:\n      gpu: 1\n", "limits.gpu")]
    [InlineData("functions:\n  a:\n    image: x\nextras: 1\n", "extras")]
    public void Unknown_keys_anywhere_are_refused(string yaml, string key)
    {
        var e = Refused(yaml);

        Assert.Equal(key, e.Key);
        Assert.Contains("unknown key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secrets:\n      - db-password", "secrets", "no secret store")]
    [InlineData("constraints:\n      - node=1", "constraints", "constraints")]
    [InlineData("readonly_root_filesystem: true", "readonly_root_filesystem", "read-only")]
    [InlineData("namespace: team-a", "namespace", "tenant")]
    public void OpenFaaS_keys_faas_does_not_implement_are_refused_with_the_reason(string entry, string key, string reason)
    {
        var e = Refused($"functions:\n  a:\n    image: x\n    {entry}\n");

        Assert.Equal(("a", key), (e.Function, e.Key));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port: http", "port", "not a whole number")]
    [InlineData("port: 70000", "port", "not a port")]
    [InlineData("min_instances: -1", "min_instances", "not a whole number")]
    [InlineData("max_instances: 0", "max_instances", "at least 1")]
    [InlineData("keep_alive: forever", "keep_alive", "not a duration")]
    [InlineData("timeout: 5 minutes", "timeout", "not a duration")]
    [InlineData("memory: lots", "memory", "not a size")]
    [InlineData("limits:\n      cpu: two", "limits.cpu", "not a number of CPUs")]
    [InlineData("environment:\n      - A=1", "environment", "expected a mapping")]
    [InlineData("labels:\n      team:\n        nested: x", "labels.team", "expected a single value")]
    [InlineData("image: ${NOT_SET}", "image", "NOT_SET is not set")]
    public void Bad_values_are_refused_naming_the_key(string entry, string key, string message)
    {
        var e = Refused($"functions:\n  a:\n    image: x\n    {entry}\n".Replace("image: x\n    image:", "image:", StringComparison.Ordinal));

        Assert.Equal(("a", key), (e.Function, e.Key));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_without_image_is_refused()
    {
        var e = Refused("functions:\n  a:\n    fprocess: x\n");

        Assert.Equal(("a", "image"), (e.Function, e.Key));
    }

    [Fact]
    public void A_function_name_that_is_not_a_dns_label_is_refused()
    {
        var e = Refused("functions:\n  Hello_World:\n    image: x\n");

        Assert.Contains("'Hello_World' is not a function name", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("version: 1.0\n", "no functions")]
    [InlineData("- a\n- b\n", "expected a mapping")]
    [InlineData("functions:\n  a:\n    image: [unclosed\n", "not valid YAML")]
    public void Files_that_are_not_stack_files_are_refused(string yaml, string message)
    {
        Assert.Contains(message, Refused(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_environment_file_is_named()
    {
        var e = Refused("functions:\n  a:\n    image: x\n    environment_file: [missing.yaml]\n");

        Assert.Equal(("a", "environment_file"), (e.Function, e.Key));
        Assert.Contains("missing.yaml: no such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_a_missing_file()
    {
        var e = Assert.Throws<StackFileException>(() => StackFileParser.Load(Path.Combine(_directory, "nope.yaml")));

        Assert.Contains("nope.yaml: no such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_picks_named_functions_in_the_order_named_and_refuses_unknown_names()
    {
        var stack = Parse("functions:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\n");

        Assert.Equal(["a", "b", "c"], stack.Select([]).Select(f => f.Service));
        Assert.Equal(["c", "a"], stack.Select(["c", "a"]).Select(f => f.Service));
        var e = Assert.Throws<StackFileException>(() => stack.Select(["d"]));
        Assert.Contains("no function 'd' in the file (it has: a, b, c)", e.Message, StringComparison.Ordinal);
    }
}
