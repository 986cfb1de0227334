using Faas.Worker.Images;

namespace Faas.Worker.Tests.Support;

/// <summary>Records reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
public sealed class RecordingProgress : IProgress<ImageProgress>
{
    private readonly List<ImageProgress> reports = [];

    public IReadOnlyList<ImageProgress> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public IReadOnlyList<ImagePhase> Phases => Reports.Select(report => report.Phase).Distinct().ToList();

    public void Report(ImageProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
    }
}
