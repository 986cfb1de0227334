namespace Faas.Guest.Artifacts.Cpio;

/// <summary>The "newc" cpio format (magic 070701, no checksum), the one the Linux kernel unpacks as an initramfs.</summary>
internal static class CpioFormat
{
    public const string Magic = "070701";
    public const int HeaderSize = 110;
    public const int FieldCount = 13;
    public const int FieldSize = 8;
    public const int Alignment = 4;
    public const string TrailerName = "TRAILER!!!";

    // File type bits from <cpio.h> (octal 0040000, 0100000, 0120000).
    public const uint C_ISDIR = 0x4000;
    public const uint C_ISREG = 0x8000;
    public const uint C_ISLNK = 0xA000;

    public const uint PermissionBits = 0xFFF;

    public static int PaddingFor(long length) => (int)((Alignment - (length % Alignment)) % Alignment);
}
