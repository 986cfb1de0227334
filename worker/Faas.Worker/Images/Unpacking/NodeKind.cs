namespace Faas.Worker.Images.Unpacking;

/// <summary>What lstat says is at a path.</summary>
internal enum NodeKind
{
    Missing,
    Directory,
    RegularFile,
    SymbolicLink,
    Other,
}
