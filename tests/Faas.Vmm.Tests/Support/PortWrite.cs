namespace Faas.Vmm.Tests.Support;

/// <summary>One write a guest made to a <see cref="PortRecorder"/>.</summary>
internal readonly record struct PortWrite(ulong Offset, ulong Value, int Size, long Timestamp);
