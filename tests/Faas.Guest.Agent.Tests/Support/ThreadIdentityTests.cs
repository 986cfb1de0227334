namespace Faas.Guest.Agent.Tests.Support;

/// <summary>
/// Tests that switch a thread of the test process to another user, or check that no thread is switched: they must not
/// run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThreadIdentityTests
{
    public const string Name = "thread identity";
}
