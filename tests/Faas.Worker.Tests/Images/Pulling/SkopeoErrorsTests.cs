using Faas.Worker.Images;
using Faas.Worker.Images.Pulling;
using Faas.Worker.Images.References;
using Faas.Worker.Images.Tools;

namespace Faas.Worker.Tests.Images.Pulling;

public sealed class SkopeoErrorsTests
{
    private const string Digest = "sha256:da489df5ca9075c5842a04fb62ea41ed6d3fbbc103c6e61e4cf70036c4780ad5";

    [Theory]
    [InlineData("""time="2026-01-01T00:00:00Z" level=fatal msg="writing blob: happened during read: Digest did not match, expected sha256:da489df5ca9075c5842a04fb62ea41ed6d3fbbc103c6e61e4cf70036c4780ad5, got sha256:64b0eadd2ef7f91287ff3e947c03b29765a4652a727a5e91f27a97a01d9b055c" """, "DigestMismatch", $"blob {Digest} of 127.0.0.1:5000/hello:1 does not match its digest (skopeo: writing blob")]
    [InlineData("""time="2026-01-01T00:00:00Z" level=fatal msg="initializing source docker://127.0.0.1:5000/hello:1: reading manifest 1 in 127.0.0.1:5000/hello: manifest unknown: manifest unknown" """, "NotFound", "image 127.0.0.1:5000/hello:1 not found (skopeo: initializing source docker://127.0.0.1:5000/hello:1: reading manifest 1 in 127.0.0.1:5000/hello: manifest unknown: manifest unknown)")]
    [InlineData("""time="2026-01-01T00:00:00Z" level=fatal msg="Error parsing image name \"docker://127.0.0.1:5000/hello:1\": reading manifest 1 in 127.0.0.1:5000/hello: unauthorized: authentication required" """, "Unauthorized", "access to image 127.0.0.1:5000/hello:1 was refused: check the registry credentials (skopeo: Error parsing image name \"docker://127.0.0.1:5000/hello:1\"")]
    [InlineData("""time="2026-01-01T00:00:00Z" level=fatal msg="pinging container registry 127.0.0.1:5000: Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused" """, "Unreachable", "registry 127.0.0.1:5000 could not be reached for 127.0.0.1:5000/hello:1 (skopeo: pinging")]
    [InlineData("something unexpected", "ToolFailed", "skopeo failed (exit code 1) for 127.0.0.1:5000/hello:1 (skopeo: something unexpected)")]
    public void Turns_skopeo_errors_into_messages_a_user_can_act_on(string line, string kind, string start)
    {
        var reference = ImageReferenceParser.Parse("127.0.0.1:5000/hello:1");
        var result = new ToolResult(new ToolInvocation("skopeo", []), 1, [], ["Getting image source signatures", line]);

        var exception = SkopeoErrors.Translate(result, reference);

        Assert.Equal(Enum.Parse<ImageErrorKind>(kind), exception.Kind);
        Assert.StartsWith(start, exception.Message, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:5000/hello:1", exception.Reference);
    }
}
