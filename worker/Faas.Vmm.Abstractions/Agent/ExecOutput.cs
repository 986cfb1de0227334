namespace Faas.Vmm.Agent;

/// <summary>Where the output of a guest command goes, chunk by chunk, in the order the guest sent it.</summary>
/// <param name="Stdout">Receives standard output; ignored when null.</param>
/// <param name="Stderr">Receives standard error; ignored when null.</param>
public sealed record ExecOutput(
    Func<ReadOnlyMemory<byte>, ValueTask>? Stdout = null,
    Func<ReadOnlyMemory<byte>, ValueTask>? Stderr = null)
{
    public static ExecOutput Discard { get; } = new();

    /// <summary>Copies both streams into the given host streams.</summary>
    public static ExecOutput To(Stream stdout, Stream stderr) => new(
        chunk => stdout.WriteAsync(chunk),
        chunk => stderr.WriteAsync(chunk));
}
