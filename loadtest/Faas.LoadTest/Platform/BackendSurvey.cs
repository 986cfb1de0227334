using Faas.LoadTest.HostInfo;

namespace Faas.LoadTest.Platform;

/// <summary>
/// What faas doctor says about this host: the machine, the backend faas picks by default and why, and which backends can run
/// Linux guests (the ones a load test can measure), with a sentence explaining that list.
/// </summary>
public sealed record BackendSurvey(
    MachineFigures Machine,
    string DefaultBackend,
    string DefaultAccelerator,
    string DefaultReason,
    IReadOnlyList<string> LinuxBackends,
    string Note);
