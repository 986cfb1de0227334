using System.Text;
using Faas.Worker.Images;
using Faas.Worker.Images.Oci;

namespace Faas.Worker.Tests.Images.Oci;

public sealed class VerifyingReadStreamTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("layer content");
    private static readonly string ContentDigest = BlobDigest.Of(Content);

    [Fact]
    public void Accepts_content_that_matches_its_digest_and_size()
    {
        using var stream = new VerifyingReadStream(new MemoryStream(Content), ContentDigest, Content.Length, "ref");

        stream.CopyTo(Stream.Null);

        Assert.True(stream.Verified);
    }

    [Theory]
    [InlineData("layer c0ntent", "its content hashes to sha256:")]
    [InlineData("layer content and more", "larger than the 13 bytes its descriptor declares")]
    [InlineData("layer", "5 bytes where 13 were expected")]
    public void Refuses_content_that_differs(string served, string detail)
    {
        var mismatches = 0;
        using var stream = new VerifyingReadStream(new MemoryStream(Encoding.UTF8.GetBytes(served)), ContentDigest, Content.Length, "127.0.0.1:5000/hello:1", () => mismatches++);

        var exception = Assert.Throws<ImageException>(() => stream.DrainAndVerify());

        Assert.Equal(ImageErrorKind.DigestMismatch, exception.Kind);
        Assert.Equal(ContentDigest, exception.BlobDigest);
        Assert.StartsWith($"blob {ContentDigest} of 127.0.0.1:5000/hello:1 does not match its digest: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(detail, exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, mismatches);
        Assert.False(stream.Verified);
    }
}
