namespace Faas.Vmm.Devices;

/// <summary>An interrupt a device raises towards the guest (a GSI of the in-kernel irqchip, or a recorder in tests).</summary>
public interface IInterruptLine
{
    void Trigger();
}
