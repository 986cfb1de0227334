namespace Faas.Guest.Artifacts.Caching;

/// <param name="Directory">The build's cache directory, named by its key.</param>
internal sealed record KernelArtifact(string Directory, string Key, string Release)
{
    public const string VmlinuxName = "vmlinux";
    public const string BzImageName = "bzImage";
    public const string ReleaseName = "release";

    public string VmlinuxPath => Path.Combine(Directory, VmlinuxName);

    public string BzImagePath => Path.Combine(Directory, BzImageName);
}
