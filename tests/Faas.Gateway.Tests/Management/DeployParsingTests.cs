using System.Text;
using Faas.Gateway.Management;

namespace Faas.Gateway.Tests.Management;

public sealed class DeployParsingTests
{
    private static ParsedDeploy Parse(string json) => ParsedDeploy.Parse(Encoding.UTF8.GetBytes(json));

    private static string Error(string json)
    {
        var parsed = Parse(json);
        Assert.False(parsed.IsValid);
        return string.Join("\n", parsed.Errors);
    }

    [Fact]
    public void The_documented_example_sets_every_field()
    {
        var parsed = Parse("""
            {
              "service": "hello",
              "image": "127.0.0.1:5000/samples/python-http:latest",
              "envProcess": "python3 /app/server.py",
              "envVars": { "GREETING": "hi" },
              "labels": { "team": "web" },
              "annotations": { "note": "anything" },
              "limits": { "memory": "256Mi", "cpu": "1" },
              "requests": { "memory": "128Mi" },
              "minInstances": 0,
              "maxInstances": 10,
              "maxConcurrency": 1,
              "keepAlive": "5m",
              "timeout": "30s",
              "memory": "256Mi",
              "port": 8080,
              "user": "1000"
            }
            """);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal("hello", parsed.Name);
        var spec = parsed.Spec;
        Assert.Equal("127.0.0.1:5000/samples/python-http:latest", spec.Image);
        Assert.Equal(["python3", "/app/server.py"], spec.Command);
        Assert.Equal("hi", spec.EnvVars["GREETING"]);
        Assert.Equal("web", spec.Labels["team"]);
        Assert.Equal("anything", spec.Annotations["note"]);
        Assert.Equal(256, spec.MemoryMiB);
        Assert.Equal(1, spec.VcpuCount);
        Assert.Equal(0, spec.MinInstances);
        Assert.Equal(10, spec.MaxInstances);
        Assert.Equal(1, spec.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Timeout);
        Assert.Equal(8080, spec.Port);
        Assert.Equal("1000", spec.User);
    }

    [Fact]
    public void Only_service_and_image_are_needed_and_the_rest_takes_the_documented_defaults()
    {
        var parsed = Parse("""{"service":"hello","image":"127.0.0.1:5000/samples/busybox-http:latest"}""");

        Assert.True(parsed.IsValid);
        var spec = parsed.Spec;
        Assert.Null(spec.Command);
        Assert.Empty(spec.EnvVars);
        Assert.Equal(256, spec.MemoryMiB);
        Assert.Equal(1, spec.VcpuCount);
        Assert.Equal(0, spec.MinInstances);
        Assert.Equal(10, spec.MaxInstances);
        Assert.Equal(1, spec.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Timeout);
        Assert.Null(spec.Port);
        Assert.Null(spec.User);
    }

    [Fact]
    public void Null_members_mean_the_default()
    {
        var parsed = Parse("""{"service":"hello","image":"i","envProcess":null,"envVars":null,"limits":null,"memory":null,"timeout":null,"port":null,"user":null}""");

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(256, parsed.Spec.MemoryMiB);
        Assert.Equal(TimeSpan.FromSeconds(30), parsed.Spec.Timeout);
    }

    [Fact]
    public void An_openfaas_cli_deploy_request_is_accepted()
    {
        // What faas-cli deploy sends for a function without secrets or constraints (its empty fields are omitted).
        var parsed = Parse("""
            {"service":"figlet","image":"ghcr.io/openfaas/figlet:latest","envProcess":"figlet",
             "labels":{"com.openfaas.scale.min":"1"},"annotations":{"topic":"cron-function"},
             "limits":{"memory":"128Mi","cpu":"100m"},"requests":{"memory":"64Mi","cpu":"50m"},
             "envVars":{"write_debug":"true"}}
            """);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(128, parsed.Spec.MemoryMiB);
        Assert.Equal(1, parsed.Spec.VcpuCount);
        Assert.Equal(["figlet"], parsed.Spec.Command);
    }

    [Theory]
    [InlineData("\"512Mi\"", 512)]
    [InlineData("\"1Gi\"", 1024)]
    [InlineData("\"1.5Gi\"", 1536)]
    [InlineData("\"512M\"", 489)]
    [InlineData("\"1G\"", 954)]
    [InlineData("\"300\"", 300)]
    [InlineData("300", 300)]
    [InlineData("128.5", 129)]
    public void Memory_takes_units_or_a_number_of_mib(string memory, int mib)
    {
        var parsed = Parse($$"""{"service":"a","image":"i","memory":{{memory}}}""");

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(mib, parsed.Spec.MemoryMiB);
    }

    [Fact]
    public void Memory_wins_over_limits_memory()
    {
        var parsed = Parse("""{"service":"a","image":"i","memory":"512Mi","limits":{"memory":"1Gi"}}""");

        Assert.Equal(512, parsed.Spec!.MemoryMiB);
        Assert.Equal(1024, Parse("""{"service":"a","image":"i","limits":{"memory":"1Gi"}}""").Spec!.MemoryMiB);
    }

    [Theory]
    [InlineData("\"63Mi\"", "out of range")]
    [InlineData("\"33Gi\"", "out of range")]
    [InlineData("\"256MB\"", "is not a size")]
    [InlineData("\"-1Mi\"", "is not a size")]
    [InlineData("\"lots\"", "is not a size")]
    [InlineData("true", "is not a size")]
    public void Memory_outside_64Mi_to_32Gi_or_unreadable_is_refused(string memory, string reason)
    {
        var error = Error($$"""{"service":"a","image":"i","memory":{{memory}}}""");

        Assert.Contains("'memory'", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1\"", 1)]
    [InlineData("\"2\"", 2)]
    [InlineData("\"1.5\"", 2)]
    [InlineData("\"500m\"", 1)]
    [InlineData("\"2500m\"", 3)]
    [InlineData("4", 4)]
    [InlineData("0.25", 1)]
    public void Cpu_is_rounded_up_to_whole_vcpus(string cpu, int vcpus)
    {
        var parsed = Parse($$$"""{"service":"a","image":"i","limits":{"cpu":{{{cpu}}}}}""");

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(vcpus, parsed.Spec.VcpuCount);
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"65\"")]
    [InlineData("\"one\"")]
    [InlineData("-1")]
    public void Cpu_that_is_not_1_to_64_vcpus_is_refused(string cpu)
    {
        Assert.Contains("'limits.cpu'", Error($$$"""{"service":"a","image":"i","limits":{"cpu":{{{cpu}}}}}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"500ms\"", 500)]
    [InlineData("\"30s\"", 30_000)]
    [InlineData("\"5m\"", 300_000)]
    [InlineData("\"1h\"", 3_600_000)]
    [InlineData("\"1m30s\"", 90_000)]
    [InlineData("\"1.5s\"", 1500)]
    [InlineData("\"45\"", 45_000)]
    [InlineData("45", 45_000)]
    [InlineData("0.25", 250)]
    public void Timeout_is_a_go_duration_or_seconds(string timeout, int milliseconds)
    {
        var parsed = Parse($$"""{"service":"a","image":"i","timeout":{{timeout}}}""");

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parsed.Spec.Timeout);
    }

    [Theory]
    [InlineData("timeout", "\"0s\"", "out of range")]
    [InlineData("timeout", "\"2h\"", "out of range")]
    [InlineData("timeout", "\"-5s\"", "is not a duration")]
    [InlineData("timeout", "\"5 minutes\"", "is not a duration")]
    [InlineData("timeout", "\"5d\"", "is not a duration")]
    [InlineData("keepAlive", "\"soon\"", "is not a duration")]
    [InlineData("keepAlive", "0", "out of range")]
    [InlineData("keepAlive", "[]", "is not a duration")]
    public void Bad_durations_are_refused_naming_the_field(string field, string value, string reason)
    {
        var error = Error($$"""{"service":"a","image":"i","{{field}}":{{value}}}""");

        Assert.Contains($"'{field}'", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_alive_takes_compound_durations()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), Parse("""{"service":"a","image":"i","keepAlive":"1h30m"}""").Spec!.KeepAlive);
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("-hello")]
    [InlineData("hello-")]
    [InlineData("hel_lo")]
    [InlineData("hello.world")]
    [InlineData("a23456789012345678901234567890123456789012345678901")]
    public void Service_must_be_a_dns_label_of_at_most_50_characters(string name)
    {
        Assert.Contains("'service'", Error($$"""{"service":"{{name}}","image":"i"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_50_character_name_is_fine()
    {
        Assert.True(Parse("""{"service":"a2345678901234567890123456789012345678901234567890","image":"i"}""").IsValid);
    }

    [Fact]
    public void A_refused_request_still_names_its_function_when_the_name_is_valid()
    {
        Assert.Equal("hello", Parse("""{"service":"hello","image":"i","memory":"1Mi"}""").Name);
        Assert.Null(Parse("""{"service":"Hello","image":"i"}""").Name);
    }

    [Fact]
    public void Service_and_image_are_required()
    {
        var error = Error("""{"envVars":{}}""");

        Assert.Contains("'service' is required", error, StringComparison.Ordinal);
        Assert.Contains("'image' is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_counts_are_checked_and_min_may_not_exceed_max()
    {
        Assert.Contains("'minInstances' (3) must not be more than 'maxInstances' (2)", Error("""{"service":"a","image":"i","minInstances":3,"maxInstances":2}"""), StringComparison.Ordinal);
        Assert.Contains("'maxInstances'", Error("""{"service":"a","image":"i","maxInstances":0}"""), StringComparison.Ordinal);
        Assert.Contains("'minInstances'", Error("""{"service":"a","image":"i","minInstances":-1}"""), StringComparison.Ordinal);
        Assert.Contains("'maxConcurrency'", Error("""{"service":"a","image":"i","maxConcurrency":0}"""), StringComparison.Ordinal);
        Assert.True(Parse("""{"service":"a","image":"i","minInstances":2,"maxInstances":2,"maxConcurrency":4}""").IsValid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    public void Port_must_be_a_tcp_port(string port)
    {
        Assert.Contains("'port'", Error($$"""{"service":"a","image":"i","port":{{port}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Env_var_names_must_be_names()
    {
        Assert.Contains("'1BAD' is not a variable name", Error("""{"service":"a","image":"i","envVars":{"1BAD":"x"}}"""), StringComparison.Ordinal);
        Assert.Contains("'A=B' is not a variable name", Error("""{"service":"a","image":"i","envVars":{"A=B":"x"}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Env_process_is_split_like_a_shell_without_expansion()
    {
        var parsed = Parse("""{"service":"a","image":"i","envProcess":"sh -c 'echo $HOME \"x\"' --name=\"a b\""}""");

        Assert.Equal(["sh", "-c", "echo $HOME \"x\"", "--name=a b"], parsed.Spec!.Command);
        Assert.Contains("'envProcess': a single quote is not closed", Error("""{"service":"a","image":"i","envProcess":"sh -c 'oops"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"foo\":1", "unknown field 'foo'")]
    [InlineData("\"Service\":\"x\"", "unknown field 'Service'")]
    [InlineData("\"limits\":{\"memory\":\"1Gi\",\"gpu\":\"1\"}", "unknown field 'limits.gpu'")]
    [InlineData("\"requests\":{\"storage\":\"1Gi\"}", "unknown field 'requests.storage'")]
    [InlineData("\"registryAuth\":\"x\"", "unknown field 'registryAuth'")]
    public void Unknown_fields_are_refused_by_name(string member, string message)
    {
        Assert.Contains(message, Error($$"""{"service":"a","image":"i",{{member}}}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secrets", "[\"db-password\"]")]
    [InlineData("constraints", "[\"node=a\"]")]
    [InlineData("network", "\"func_functions\"")]
    [InlineData("readOnlyRootFilesystem", "true")]
    [InlineData("namespace", "\"openfaas-fn\"")]
    public void Openfaas_fields_faas_does_not_implement_are_refused_by_name(string field, string value)
    {
        Assert.Contains($"field '{field}' is not supported by faas", Error($$"""{"service":"a","image":"i","{{field}}":{{value}}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unknown_field_is_named_at_once_with_its_line()
    {
        var error = Error("{\"service\":\"a\",\n\"image\":\"i\",\n\"foo\":1,\n\"secrets\":[]}");

        Assert.Contains("unknown field 'foo' (line 3, position 1)", error, StringComparison.Ordinal);
        Assert.Contains("field 'secrets' is not supported by faas (line 4, position 1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_field_is_refused()
    {
        Assert.Contains("field 'image' appears more than once", Error("""{"service":"a","image":"i","image":"j"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"service\":\"a\",\n  \"image\":\"i\",}", "malformed JSON at line 2, position 15")]
    [InlineData("{\"service\":\"a\" \"image\":\"i\"}", "malformed JSON at line 1, position 16")]
    [InlineData("{\"service\":\"a\"", "malformed JSON at line 1")]
    [InlineData("{\"service\":\"a\"} trailing", "malformed JSON at line 1")]
    [InlineData("{/* comment */}", "malformed JSON at line 1, position 2")]
    public void Malformed_json_is_refused_with_line_and_position(string json, string message)
    {
        Assert.Contains(message, Error(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"hello\"", "must be a JSON object")]
    public void The_body_must_be_an_object(string json, string message)
    {
        Assert.Contains(message, Error(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"maxInstances\":\"ten\"", "field 'maxInstances' must be a whole number (line 1")]
    [InlineData("\"maxInstances\":1.5", "field 'maxInstances' must be a whole number")]
    [InlineData("\"user\":5", "field 'user' must be a string")]
    [InlineData("\"envVars\":{\"A\":1}", "field 'envVars' must be an object whose values are strings")]
    [InlineData("\"envVars\":[\"A=1\"]", "field 'envVars' must be an object whose values are strings")]
    [InlineData("\"limits\":\"1Gi\"", "field 'limits' must be an object with \"memory\" and \"cpu\"")]
    public void Values_of_the_wrong_type_are_refused_naming_the_field_and_what_it_must_be(string member, string message)
    {
        Assert.Contains(message, Error($$"""{"service":"a","image":"i",{{member}}}"""), StringComparison.Ordinal);
    }
}
