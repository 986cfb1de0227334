using System.Runtime.InteropServices;

namespace Faas.Guest.Agent.Interop;

/// <summary>spawn.h (glibc)</summary>
internal static unsafe partial class LibC
{
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;

    /// <summary>Returns 0 or an errno value; glibc reports the child's exec failure here too.</summary>
    [LibraryImport("libc")]
    public static partial int posix_spawn(int* pid, byte* path, posix_spawn_file_actions_t* file_actions, posix_spawnattr_t* attrp, byte** argv, byte** envp);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_init(posix_spawn_file_actions_t* file_actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t* file_actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t* file_actions, int fildes, int newfildes);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t* file_actions, int fildes, byte* path, int oflag, uint mode);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t* file_actions, int from);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t* file_actions, byte* path);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_init(posix_spawnattr_t* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_destroy(posix_spawnattr_t* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setflags(posix_spawnattr_t* attr, short flags);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigmask(posix_spawnattr_t* attr, sigset_t* sigmask);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigdefault(posix_spawnattr_t* attr, sigset_t* sigdefault);
}

/// <summary>Opaque; glibc x86_64 size.</summary>
[StructLayout(LayoutKind.Sequential, Size = 80)]
internal struct posix_spawn_file_actions_t;

/// <summary>Opaque; glibc x86_64 size.</summary>
[StructLayout(LayoutKind.Sequential, Size = 336)]
internal struct posix_spawnattr_t;
