namespace Faas.Guest.Agent.Interop;

/// <summary>sys/syscall.h (x86_64 numbers), for <see cref="LibC.syscall"/>.</summary>
internal static partial class LibC
{
    public const long SYS_setgroups = 116;
    public const long SYS_setresuid = 117;
    public const long SYS_setresgid = 119;
}
