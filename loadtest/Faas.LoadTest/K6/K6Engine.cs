using System.Text;
using System.Text.Json;
using CliWrap;
using Faas.LoadTest.Recording;
using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.K6;

/// <summary>Runs a scenario's k6 script (loadtest/{name}.js) through CliWrap against targets already deployed, and reads its points.</summary>
public sealed class K6Engine
{
    private const int OutputTailLines = 40;

    private readonly string _k6;
    private readonly Action<string> _progress;

    public K6Engine(string k6Path, Action<string> progress)
    {
        _k6 = k6Path;
        _progress = progress;
    }

    public async Task<LatencyRecorder> RunAsync(
        string scriptPath, TargetsFile targets, ScenarioOverrides overrides, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(overrides);
        var targetsPath = Path.Combine(workDirectory, "targets.json");
        var pointsPath = Path.Combine(workDirectory, "points.json");
        await File.WriteAllTextAsync(targetsPath, JsonSerializer.Serialize(targets, K6JsonContext.Default.TargetsFile), cancellationToken).ConfigureAwait(false);
        File.Delete(pointsPath);

        var arguments = new List<string> { "run", "--quiet", "--no-color", "--out", $"json={pointsPath}", "-e", $"FAAS_TARGETS={targetsPath}" };
        foreach (var (name, value) in overrides.ToK6Environment())
        {
            arguments.AddRange(["-e", $"{name}={value}"]);
        }

        arguments.Add(scriptPath);
        var output = new Queue<string>();
        void OnLine(string line)
        {
            lock (output)
            {
                output.Enqueue(line);
                if (output.Count > OutputTailLines)
                {
                    output.Dequeue();
                }
            }

            _progress($"k6: {line}");
        }

        var result = await Cli.Wrap(_k6)
            .WithArguments(arguments)
            .WithWorkingDirectory(Path.GetDirectoryName(scriptPath) ?? ".")
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OnLine, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnLine, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new K6RunException(result.ExitCode, string.Join('\n', output));
        }

        return await K6PointsReader.ReadAsync(pointsPath, cancellationToken).ConfigureAwait(false);
    }
}
