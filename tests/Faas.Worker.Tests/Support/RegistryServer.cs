using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CliWrap;
using Faas.Common.Net;

namespace Faas.Worker.Tests.Support;

/// <summary>A real docker-registry (Debian's distribution 2.8) on 127.0.0.1 with its storage in a temporary directory.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly TemporaryDirectory directory;
    private readonly CancellationTokenSource stop;
    private readonly Task<CommandResult> process;
    private readonly StringBuilder output;

    private RegistryServer(TemporaryDirectory directory, int port, CancellationTokenSource stop, Task<CommandResult> process, StringBuilder output, string? authFile)
    {
        this.directory = directory;
        this.stop = stop;
        Port = port;
        this.process = process;
        this.output = output;
        AuthFile = authFile;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string StorageDirectory => directory.Combine("storage");

    /// <summary>A containers-auth.json with the registry's user, for pushing; null when the registry is open.</summary>
    public string? AuthFile { get; }

    /// <param name="username">With <paramref name="password"/>: the registry asks for them (HTTP basic, or through <paramref name="tokenServer"/>).</param>
    /// <param name="tokenServer">Delegate authentication to this token service instead of an htpasswd file.</param>
    public static async Task<RegistryServer> StartAsync(string? username = null, string? password = null, TokenServer? tokenServer = null)
    {
        var directory = new TemporaryDirectory("faas-registry-");
        var port = FreePort.Pick();
        var auth = "";
        string? authFile = null;
        if (tokenServer is not null)
        {
            await File.WriteAllTextAsync(directory.Combine("token-issuer.pem"), tokenServer.CertificatePem);
            auth = $"""
                auth:
                  token:
                    realm: {tokenServer.Realm}
                    service: {TokenServer.Service}
                    issuer: {TokenServer.Issuer}
                    rootcertbundle: {directory.Combine("token-issuer.pem")}
                """;
        }
        else if (username is not null && password is not null)
        {
            var htpasswd = await Programs.RunAsync("htpasswd", "-Bbn", username, password);
            await File.WriteAllTextAsync(directory.Combine("htpasswd"), htpasswd.StandardOutputText);
            auth = $"""
                auth:
                  htpasswd:
                    realm: faas-tests
                    path: {directory.Combine("htpasswd")}
                """;
        }

        if (username is not null && password is not null)
        {
            authFile = directory.Combine("push-auth.json");
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
            var auths = new JsonObject { ["auths"] = new JsonObject { [$"127.0.0.1:{port}"] = new JsonObject { ["auth"] = token } } };
            await File.WriteAllTextAsync(authFile, auths.ToJsonString());
        }

        var config = directory.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {directory.Combine("storage")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {auth}
            """);

        var output = new StringBuilder();
        var stop = new CancellationTokenSource();
        var process = Cli.Wrap("docker-registry")
            .WithArguments(["serve", config])
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(stop.Token)
            .Task;
        var server = new RegistryServer(directory, port, stop, process, output, authFile);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Pushes <c>oci:LAYOUT:TAG</c> to <c>REPOSITORY:TAG</c> here (with <c>--all</c>, every image of an index).</summary>
    public Task PushAsync(string layoutDirectory, string tag, string repositoryAndTag, bool all = false) =>
        Programs.SkopeoCopyAsync($"oci:{layoutDirectory}:{tag}", $"docker://{Host}/{repositoryAndTag}", all, AuthFile);

    /// <summary>The file the registry serves a blob from.</summary>
    public string BlobDataPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    /// <summary>The digest the registry serves for a tag (what a client resolves it to), computed from the bytes it serves.</summary>
    public async Task<string> ManifestDigestAsync(string repository, string tag)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Host}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(OciLayoutWriter.ManifestType);
        request.Headers.Accept.ParseAdd(OciLayoutWriter.IndexType);
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await process;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        stop.Dispose();
        directory.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.IsCompleted)
            {
                throw new InvalidOperationException($"docker-registry exited: {output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://{Host}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Same.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"docker-registry did not answer on {Host}: {output}");
    }
}
