namespace Faas.Tests.Shared;

/// <summary>
/// Tests that need hardware virtualization (a Linux guest on the built-in VMM) skip elsewhere with the reason, except in the
/// nested-KVM stage, which sets FAAS_TEST_REQUIRE_HARDWARE_KVM=1: there a skip would hide a test that must run, so it fails.
/// </summary>
internal static class HardwareVirtualizationSkip
{
    public const string RequireVariable = "FAAS_TEST_REQUIRE_HARDWARE_KVM";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static void Because(string reason)
    {
        if (Required)
        {
            Assert.Fail($"{RequireVariable}=1 but this test would be skipped: {reason}");
        }

        Assert.Skip(reason);
    }
}
