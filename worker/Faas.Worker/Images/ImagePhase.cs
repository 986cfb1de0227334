namespace Faas.Worker.Images;

/// <summary>The steps of <see cref="ImageStore.PrepareAsync"/>, in order.</summary>
public enum ImagePhase
{
    /// <summary>Finding the linux/amd64 manifest the reference points to.</summary>
    Resolving,

    /// <summary>Copying manifest, config and layers into the local blob cache (blobs already there are reused).</summary>
    Pulling,

    /// <summary>Checking the manifest and config against their digests.</summary>
    Verifying,

    /// <summary>Applying layer <see cref="ImageProgress.LayerIndex"/> of <see cref="ImageProgress.LayerCount"/> (its digest is checked as it is read).</summary>
    Unpacking,

    /// <summary>Building the erofs disk image from the unpacked tree.</summary>
    BuildingRootfs,

    /// <summary>The root filesystem was already in the cache: nothing was pulled or built.</summary>
    Cached,

    /// <summary>The root filesystem was built and stored in the cache.</summary>
    Ready,
}
