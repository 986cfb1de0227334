namespace Faas.Vmm.Devices.Virtio;

/// <summary>What <see cref="VirtQueue.TryPop"/> found.</summary>
public enum VirtQueuePopResult
{
    /// <summary>The driver has made nothing new available.</summary>
    Empty,

    /// <summary>A well-formed chain was taken.</summary>
    Chain,

    /// <summary>The queue is broken (see <see cref="VirtQueue.Error"/>); the device must signal that it needs a reset.</summary>
    Broken,
}
