namespace Faas.Vmm.Qemu.Qmp;

internal sealed record QmpTimestamp(long Seconds, long Microseconds)
{
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeSeconds(Seconds).AddTicks(Microseconds * 10);
}
