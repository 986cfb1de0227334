using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.RootFs;

/// <summary>Mounts the function's root filesystem and makes it the root of everything started afterwards.</summary>
internal interface IRootMounter
{
    /// <returns>Null once the new root is in place, otherwise why it is not (the old root then stays).</returns>
    string? Mount(MountRootRequest request);
}
