using Faas.Worker.Images;

namespace Faas.Cli.Hosting;

/// <summary>Image preparation progress as "faas: …" lines on stderr: one per phase change, one per layer.</summary>
public sealed class ImageProgressReporter : IProgress<ImageProgress>
{
    private ImagePhase? _lastPhase;
    private int _lastLayer;

    public void Report(ImageProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Phase == ImagePhase.Unpacking)
        {
            if (value.LayerIndex != _lastLayer)
            {
                _lastLayer = value.LayerIndex;
                Console.Error.WriteLine($"faas: unpacking layer {value.LayerIndex}/{value.LayerCount} ({Size(value.BytesTotal)})");
            }
        }
        else if (value.Phase != _lastPhase)
        {
            Console.Error.WriteLine($"faas: {Describe(value)}");
        }

        _lastPhase = value.Phase;
    }

    private static string Describe(ImageProgress value) => value.Phase switch
    {
        ImagePhase.Resolving => $"resolving {value.Reference}",
        ImagePhase.Pulling => $"pulling {value.Reference}",
        ImagePhase.Verifying => "verifying manifest and config",
        ImagePhase.BuildingRootfs => "building the erofs root filesystem",
        ImagePhase.Cached => $"{value.Reference}: root filesystem cached",
        ImagePhase.Ready => $"{value.Reference}: root filesystem ready",
        _ => value.Detail ?? value.Phase.ToString(),
    };

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 => $"{bytes / (1024.0 * 1024):F1} MiB",
        >= 1 << 10 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes} B",
    };
}
