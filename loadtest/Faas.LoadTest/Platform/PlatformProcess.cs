using System.Globalization;
using System.Text;
using CliWrap;
using Faas.Common.Net;

namespace Faas.LoadTest.Platform;

/// <summary>
/// `faas up` as a child process, as a user runs it: the gateway and the worker's endpoint on free loopback ports, its own data
/// directory (removed afterwards), stopped with SIGTERM like a service manager would.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private const string ReadyLine = "faas: ready";
    private const string BackendPrefix = "faas: backend ";
    private const int StderrTailLines = 60;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _forceful = new();
    private readonly Queue<string> _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string> _progress;
    private CommandTask<CommandResult>? _process;

    private PlatformProcess(Uri gateway, Uri worker, string dataDirectory, Action<string> progress)
    {
        Gateway = gateway;
        Worker = worker;
        DataDirectory = dataDirectory;
        _progress = progress;
    }

    public Uri Gateway { get; }

    /// <summary>The worker's invoke endpoint (<c>--worker-listen</c>).</summary>
    public Uri Worker { get; }

    public string DataDirectory { get; }

    public string ApiKey { get; private set; } = "";

    /// <summary>The key its worker requires, chosen for this run (calls straight to the worker send it).</summary>
    public string WorkerKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public int ProcessId => _process?.ProcessId ?? 0;

    /// <summary>The backend it chose, as its start-up line says: "qemu/tcg (reason)"; null until it said so.</summary>
    public string? BackendLine { get; private set; }

    /// <summary>The last lines `faas up` wrote on stderr.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <param name="faas">The faas command.</param>
    /// <param name="backend">--backend for faas up (auto, qemu, kvm).</param>
    /// <param name="progress">Receives faas up's own progress lines.</param>
    /// <param name="cancellationToken">Stops waiting (and the platform).</param>
    /// <exception cref="PlatformStartException">It exited or did not become ready in time.</exception>
    public static async Task<PlatformProcess> StartAsync(FaasExecutable faas, string backend, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faas);
        var dataDirectory = Directory.CreateTempSubdirectory("faas-loadtest-").FullName;
        var platform = new PlatformProcess(
            new Uri($"http://127.0.0.1:{FreePort.Pick().ToString(CultureInfo.InvariantCulture)}/"),
            new Uri($"http://127.0.0.1:{FreePort.Pick().ToString(CultureInfo.InvariantCulture)}/"),
            dataDirectory,
            progress);
        try
        {
            await platform.StartProcessAsync(faas, backend, cancellationToken).ConfigureAwait(false);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGTERM, then a kill if it has not stopped within a minute.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.Task.IsCompleted)
        {
            return;
        }

        _forceful.CancelAfter(StopTimeout);
        await Cli.Wrap("kill").WithArguments(["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _process;
        }
        catch (OperationCanceledException)
        {
            // Killed after the grace period.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _forceful.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that has not exited yet; the temporary directory is left behind.
        }
    }

    private async Task StartProcessAsync(FaasExecutable faas, string backend, CancellationToken cancellationToken)
    {
        _process = faas.Command(
                "up",
                "--listen", Gateway.ToString().TrimEnd('/'),
                "--worker-listen", Worker.ToString().TrimEnd('/'),
                "--data-dir", DataDirectory,
                "--backend", backend)
            .WithEnvironmentVariables(variables => variables.Set("FAAS_WORKER_KEY", WorkerKey))
            .WithStandardOutputPipe(PipeTarget.Null)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnStderrLine, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_forceful.Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var finished = await Task.WhenAny(_ready.Task, _process.Task, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != _ready.Task)
        {
            var why = _process.Task.IsCompleted ? "exited" : $"was not ready within {StartTimeout.TotalMinutes:0} minutes";
            throw new PlatformStartException($"faas up {why}:\n{StderrTail}");
        }

        ApiKey = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "api-key"), cancellationToken).ConfigureAwait(false)).Trim();
    }

    private void OnStderrLine(string line)
    {
        lock (_stderr)
        {
            _stderr.Enqueue(line);
            if (_stderr.Count > StderrTailLines)
            {
                _stderr.Dequeue();
            }
        }

        if (line.StartsWith("faas: ", StringComparison.Ordinal) && !line.Contains("API key", StringComparison.Ordinal))
        {
            _progress($"platform: {line["faas: ".Length..]}");
        }

        if (line.StartsWith(BackendPrefix, StringComparison.Ordinal))
        {
            BackendLine = line[BackendPrefix.Length..];
        }

        if (line == ReadyLine)
        {
            _ready.TrySetResult();
        }
    }
}
