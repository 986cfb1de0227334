using Faas.Gateway.Management;

namespace Faas.Gateway.Tests.Management;

public sealed class MemorySizesTests
{
    [Theory]
    [InlineData(256, "256Mi")]
    [InlineData(1024, "1Gi")]
    [InlineData(1536, "1536Mi")]
    [InlineData(32768, "32Gi")]
    public void Whole_gib_are_written_in_gi_and_the_rest_in_mi(int mib, string text)
    {
        Assert.Equal(text, MemorySizes.Format(mib));
        Assert.True(MemorySizes.TryParseMiB(text, out var again));
        Assert.Equal(mib, again);
    }

    [Theory]
    [InlineData("128Ki")]
    [InlineData("1Ti")]
    [InlineData("1 Gi")]
    [InlineData("gi")]
    [InlineData("")]
    public void Other_units_are_refused(string text)
    {
        Assert.False(MemorySizes.TryParseMiB(text, out _));
    }
}
