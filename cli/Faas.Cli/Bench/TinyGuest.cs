namespace Faas.Cli.Bench;

/// <summary>The few bytes of real-mode code the VM benchmarks run: they measure the VMM, not a guest.</summary>
public static class TinyGuest
{
    /// <summary>Where the built-in VMM loads and enters <see cref="KvmCode"/> (real mode, CS = 0).</summary>
    public const ulong KvmLoadAddress = 0x1000;

    /// <summary>The port <see cref="KvmCode"/> writes.</summary>
    public const ushort KvmPort = 0x10;

    /// <summary>
    /// out 0x10, al; out 0x10, al; then cli; hlt forever. A boot's first exit is the first OUT; a snapshot taken there restores to
    /// the second OUT as its first exit, then the VM idles in the kernel's HLT (no CPU).
    /// </summary>
    public static byte[] KvmCode { get; } =
    [
        0xe6, 0x10,       // out 0x10, al
        0xe6, 0x10,       // out 0x10, al
        0xfa,             // cli
        0xf4,             // hlt
        0xeb, 0xfc,       // jmp cli
    ];

    /// <summary>
    /// A 64 KiB firmware image for QEMU (-bios): the reset vector jumps to the start of the image, which writes 'A' to COM1
    /// (0x3f8) in a loop. The first byte on QEMU's serial output is the guest's first port write.
    /// </summary>
    /// <param name="thenHalt">Write 'A' once, then cli; hlt forever (an idle VM), instead of writing in a loop.</param>
    public static byte[] QemuFirmware(bool thenHalt = false)
    {
        var image = new byte[64 * 1024];
        byte[] code = thenHalt
            ?
            [
                0xba, 0xf8, 0x03, // mov dx, 0x3f8
                0xb0, 0x41,       // mov al, 'A'
                0xee,             // out dx, al
                0xfa,             // cli
                0xf4,             // hlt
                0xeb, 0xfc,       // jmp cli
            ]
            :
            [
                0xba, 0xf8, 0x03, // mov dx, 0x3f8
                0xb0, 0x41,       // mov al, 'A'
                0xee,             // out dx, al
                0xeb, 0xfd,       // jmp out
            ];
        code.CopyTo(image, 0);

        // At the reset vector (CS base 0xffff0000, IP 0xfff0): jmp near to IP 0, which wraps to the image's first byte.
        byte[] reset = [0xe9, 0x0d, 0x00];
        reset.CopyTo(image, 0xfff0);
        return image;
    }
}
