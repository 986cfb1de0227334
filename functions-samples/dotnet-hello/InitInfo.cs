namespace DotnetHello;

/// <summary>When the process finished initialising (Unix ms) and its pid: GET /init.</summary>
internal sealed record InitInfo(long InitAt, int Pid);
