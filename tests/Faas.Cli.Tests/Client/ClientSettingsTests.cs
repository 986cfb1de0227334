using Faas.Cli.Client;
using Faas.Cli.Hosting;

namespace Faas.Cli.Tests.Client;

public sealed class ClientSettingsTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("faas-cli-settings-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        values.TryAdd(DataDirectory.Variable, _dataDirectory);
        return name => values.GetValueOrDefault(name);
    }

    private void WriteKeyFile(string key) => File.WriteAllText(Path.Combine(_dataDirectory, "api-key"), key + "\n");

    [Fact]
    public void Flag_wins_over_environment_over_key_file()
    {
        WriteKeyFile("from-file");
        var environment = Environment(("FAAS_API_KEY", "from-env"), ("FAAS_GATEWAY", "http://10.0.0.2:9000"));

        var fromFlag = ClientSettings.Resolve("http://10.0.0.1:8080", "from-flag", environment: environment);
        var fromEnvironment = ClientSettings.Resolve(null, null, environment: environment);
        var fromFile = ClientSettings.Resolve(null, null, environment: Environment());

        Assert.Equal(("http://10.0.0.1:8080/", "from-flag", "--api-key"), (fromFlag.Gateway.ToString(), fromFlag.ApiKey, fromFlag.ApiKeySource));
        Assert.Equal(("http://10.0.0.2:9000/", "from-env", "FAAS_API_KEY"), (fromEnvironment.Gateway.ToString(), fromEnvironment.ApiKey, fromEnvironment.ApiKeySource));
        Assert.Equal(("from-file", Path.Combine(_dataDirectory, "api-key")), (fromFile.ApiKey, fromFile.ApiKeySource));
    }

    [Fact]
    public void Gateway_defaults_to_loopback_8080_and_a_stack_file_gateway_comes_after_the_environment()
    {
        var none = ClientSettings.Resolve(null, null, environment: Environment());
        var fromStack = ClientSettings.Resolve(null, null, "http://stack:8080", Environment());
        var environmentOverStack = ClientSettings.Resolve(null, null, "http://stack:8080", Environment(("FAAS_GATEWAY", "http://env:8080")));

        Assert.Equal("http://127.0.0.1:8080/", none.Gateway.ToString());
        Assert.Equal("http://stack:8080/", fromStack.Gateway.ToString());
        Assert.Equal("http://env:8080/", environmentOverStack.Gateway.ToString());
    }

    [Fact]
    public void No_key_anywhere_is_no_key()
    {
        var settings = ClientSettings.Resolve(null, null, environment: Environment());

        Assert.Null(settings.ApiKey);
        Assert.Null(settings.ApiKeySource);
    }

    [Fact]
    public void A_gateway_without_scheme_is_http_and_a_bad_one_is_refused()
    {
        Assert.Equal("http://127.0.0.1:9999/", ClientSettings.Resolve("127.0.0.1:9999", null, environment: Environment()).Gateway.ToString());
        Assert.Equal("https://faas.example.com/prefix/", ClientSettings.Resolve("https://faas.example.com/prefix", null, environment: Environment()).Gateway.ToString());

        var e = Assert.Throws<ClientSettingsException>(() => ClientSettings.Resolve("ftp://x", null, environment: Environment()));
        Assert.Contains("--gateway", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_never_appears_in_its_text()
    {
        var settings = ClientSettings.Resolve(null, "s3cret-key", environment: Environment());

        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("--api-key", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_directory_is_explicit_then_FAAS_DATA_DIR_then_XDG_DATA_HOME_then_home()
    {
        var all = new Dictionary<string, string> { ["FAAS_DATA_DIR"] = "/data/faas", ["XDG_DATA_HOME"] = "/xdg", ["HOME"] = "/home/u" };
        string? Lookup(string name) => all.GetValueOrDefault(name);

        Assert.Equal("/explicit", DataDirectory.Resolve("/explicit", Lookup));
        Assert.Equal("/data/faas", DataDirectory.Resolve(null, Lookup));
        all.Remove("FAAS_DATA_DIR");
        Assert.Equal("/xdg/faas", DataDirectory.Resolve(null, Lookup));
        all["XDG_DATA_HOME"] = "relative/ignored";
        Assert.Equal("/home/u/.local/share/faas", DataDirectory.Resolve(null, Lookup));
    }
}
