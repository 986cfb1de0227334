using System.Runtime.Versioning;

// The artifacts are Linux programs, libraries and archives; these tests run them.
[assembly: SupportedOSPlatform("linux")]
