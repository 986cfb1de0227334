namespace Faas.Vmm.Tests.Devices.Support;

/// <summary>An entry the device put in the used ring.</summary>
public readonly record struct UsedElement(ushort Head, uint Length);
