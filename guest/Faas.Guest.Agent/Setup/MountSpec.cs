namespace Faas.Guest.Agent.Setup;

/// <summary>One filesystem the guest needs mounted.</summary>
internal sealed record MountSpec(string Source, string Target, string FileSystemType, ulong Flags, string? Options);
