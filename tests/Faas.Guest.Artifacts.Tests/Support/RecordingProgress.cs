namespace Faas.Guest.Artifacts.Tests.Support;

/// <summary>Records reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
public sealed class RecordingProgress : IProgress<string>
{
    private readonly List<string> messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public void Report(string value)
    {
        lock (messages)
        {
            messages.Add(value);
        }
    }
}
