namespace Faas.Guest.Protocol.Messages;

/// <summary>Sent first after a restore: clones of one snapshot must not share a stale clock or random state.</summary>
/// <param name="UnixTimeNanoseconds">The host's wall clock (CLOCK_REALTIME) when the message was sent.</param>
/// <param name="Entropy">Fresh random bytes (at least 32) to credit to the guest's entropy pool (RNDADDENTROPY), which also reseeds its RNG.</param>
public sealed record ResumeRequest(long UnixTimeNanoseconds, byte[] Entropy);
