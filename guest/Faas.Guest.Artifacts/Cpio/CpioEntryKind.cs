namespace Faas.Guest.Artifacts.Cpio;

internal enum CpioEntryKind
{
    Directory,
    RegularFile,
    SymbolicLink,
}
