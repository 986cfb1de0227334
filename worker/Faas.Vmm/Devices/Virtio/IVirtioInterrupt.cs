namespace Faas.Vmm.Devices.Virtio;

/// <summary>How a virtio device notifies its driver; implemented by the transport.</summary>
public interface IVirtioInterrupt
{
    /// <summary>The device put buffers in a used ring.</summary>
    void SignalUsedBuffers();

    /// <summary>The device met something it cannot handle: it sets DEVICE_NEEDS_RESET and tells the driver its configuration changed.</summary>
    void SignalNeedsReset();
}
