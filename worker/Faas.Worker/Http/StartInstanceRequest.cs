using Faas.Worker.Instances;

namespace Faas.Worker.Http;

/// <summary>The body of POST /_faas/functions/{tenant}/{name}/instances: how to start the new idle instance.</summary>
/// <param name="Start">restore (the default when the function has a snapshot) or boot.</param>
public sealed record StartInstanceRequest(StartKind? Start = null);
