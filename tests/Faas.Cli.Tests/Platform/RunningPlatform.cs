using System.Net.Http.Headers;
using System.Text;
using CliWrap;
using Faas.Cli.Hosting;
using Faas.Common.Net;

namespace Faas.Cli.Tests.Platform;

/// <summary>`faas up` as a child process on a free loopback port with its own data directory, as a user runs it.</summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CommandTask<CommandResult>? _process;

    private RunningPlatform(string dataDirectory, Uri gateway)
    {
        DataDirectory = dataDirectory;
        Gateway = gateway;
    }

    public string DataDirectory { get; }

    public Uri Gateway { get; }

    public string ApiKey { get; private set; } = "";

    /// <summary>The `faas up` process (the dotnet host running it).</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException("the platform is not started");

    /// <summary>What `faas up` wrote on stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<RunningPlatform> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        var platform = new RunningPlatform(dataDirectory, new Uri($"http://127.0.0.1:{FreePort.Pick()}"));
        await platform.StartProcessAsync(extraArguments);
        return platform;
    }

    /// <summary>A client that sends this platform's API key (or <paramref name="apiKey"/>; empty for none).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromMinutes(3) };
        var key = apiKey ?? ApiKey;
        if (key.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Environment for `faas` client commands pointed at this platform.</summary>
    public IReadOnlyDictionary<string, string?> CliEnvironment(string? apiKey = null) => new Dictionary<string, string?>
    {
        ["FAAS_GATEWAY"] = Gateway.ToString().TrimEnd('/'),
        ["FAAS_API_KEY"] = apiKey ?? ApiKey,
        ["FAAS_DATA_DIR"] = DataDirectory,
    };

    /// <summary>Stops it as a service manager would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null)
        {
            return -1;
        }

        _forceful.CancelAfter(TimeSpan.FromSeconds(30));
        if (!_process.Task.IsCompleted)
        {
            // SIGTERM rather than CliWrap's SIGINT: a test host started in the background may have SIGINT ignored, and children inherit that.
            await CliWrap.Cli.Wrap("kill").WithArguments(["-TERM", _process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                .WithValidation(CommandResultValidation.None).ExecuteAsync(CancellationToken.None);
        }

        try
        {
            return (await _process).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _graceful.Dispose();
        _forceful.Dispose();
    }

    private async Task StartProcessAsync(string[] extraArguments)
    {
        var command = CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "faas.dll"), "up", "--listen", Gateway.ToString().TrimEnd('/'), "--data-dir", DataDirectory, .. extraArguments])
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnStderrLine))
            .WithValidation(CommandResultValidation.None);
        _process = command.ExecuteAsync(_forceful.Token, _graceful.Token);
        var finished = await Task.WhenAny(_ready.Task, _process.Task, Task.Delay(StartTimeout, TestContext.Current.CancellationToken));
        if (finished != _ready.Task)
        {
            await StopAsync();
            throw new InvalidOperationException($"faas up did not become ready:\n{Stderr}");
        }

        ApiKey = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, EmbeddedPlatform.ApiKeyFileName))).Trim();
    }

    private void OnStderrLine(string line)
    {
        lock (_stderr)
        {
            _stderr.AppendLine(line);
        }

        if (line == "faas: ready")
        {
            _ready.TrySetResult();
        }
    }
}
