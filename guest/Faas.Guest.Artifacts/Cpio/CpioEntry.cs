namespace Faas.Guest.Artifacts.Cpio;

/// <summary>One archive member. A regular file takes its content from <see cref="SourcePath"/> when set, else from <see cref="Data"/>; a symbolic link's target is its data.</summary>
internal sealed record CpioEntry(string Path, CpioEntryKind Kind, UnixFileMode Permissions, uint UserId, uint GroupId)
{
    public string? SourcePath { get; init; }

    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>A parent directory the writer added because a deeper path needed it.</summary>
    public bool IsImplicit { get; init; }

    public uint TypeBits => Kind switch
    {
        CpioEntryKind.Directory => CpioFormat.C_ISDIR,
        CpioEntryKind.SymbolicLink => CpioFormat.C_ISLNK,
        _ => CpioFormat.C_ISREG,
    };

    public uint LinkCount => Kind == CpioEntryKind.Directory ? 2u : 1u;
}
