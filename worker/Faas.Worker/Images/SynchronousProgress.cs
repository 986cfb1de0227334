namespace Faas.Worker.Images;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> handler;

    public SynchronousProgress(Action<T> handler)
    {
        this.handler = handler;
    }

    public void Report(T value) => handler(value);
}
