namespace Faas.Guest.Artifacts.Cpio;

/// <summary>The permission sets archives use most.</summary>
public static class CpioModes
{
    /// <summary>0755.</summary>
    public const UnixFileMode Directory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>0755.</summary>
    public const UnixFileMode Executable = Directory;

    /// <summary>0644.</summary>
    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0777, the only mode Linux gives symbolic links.</summary>
    public const UnixFileMode SymbolicLink = Directory | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>1777, a world-writable directory where only owners may delete their files (/tmp).</summary>
    public const UnixFileMode SharedTemporary = SymbolicLink | UnixFileMode.StickyBit;

    /// <summary>0700.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
}
