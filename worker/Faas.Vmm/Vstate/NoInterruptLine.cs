using Faas.Vmm.Devices;

namespace Faas.Vmm.Vstate;

/// <summary>The interrupt line of a VM without an irqchip: the guest polls its devices.</summary>
internal sealed class NoInterruptLine : IInterruptLine
{
    public static NoInterruptLine Instance { get; } = new();

    public void Trigger()
    {
    }
}
