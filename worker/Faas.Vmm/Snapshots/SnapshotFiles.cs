namespace Faas.Vmm.Snapshots;

/// <summary>A machine snapshot's two files in its directory, and their sizes.</summary>
/// <param name="Directory">Where they are.</param>
/// <param name="StateBytes">Size of the state file.</param>
/// <param name="MemoryBytes">Guest memory the memory file holds (its apparent size; never-touched pages are holes).</param>
public sealed record SnapshotFiles(string Directory, long StateBytes, long MemoryBytes)
{
    public const string StateFileName = "vm.state";
    public const string MemoryFileName = "vm.mem";

    public string StatePath => Path.Combine(Directory, StateFileName);

    public string MemoryPath => Path.Combine(Directory, MemoryFileName);

    public static string StatePathIn(string directory) => Path.Combine(directory, StateFileName);

    public static string MemoryPathIn(string directory) => Path.Combine(directory, MemoryFileName);
}
