namespace Faas.Guest.Agent.Processes;

/// <summary>While held, the reaper delivers no exit status; releasing it lets pending ones through.</summary>
internal readonly struct ReapingHold(object? gate) : IDisposable
{
    public void Dispose()
    {
        if (gate is not null)
        {
            Monitor.Exit(gate);
        }
    }
}
