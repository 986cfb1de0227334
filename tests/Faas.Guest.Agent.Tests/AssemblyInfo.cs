using System.Runtime.Versioning;

// The agent runs only in Linux guests; its tests spawn Linux programs.
[assembly: SupportedOSPlatform("linux")]
