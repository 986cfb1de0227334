using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class DeployStreamParserTests
{
    [Fact]
    public void Progress_lines_carry_phase_detail_counts_and_version()
    {
        var line = DeployStreamParser.Parse("""{"type":"progress","phase":"pulling","detail":"Copying blob sha256:abc","done":1,"total":3,"version":2}""");

        Assert.Equal(new DeployProgressEvent("pulling", "Copying blob sha256:abc", 1, 3, 2), line);
    }

    [Fact]
    public void Progress_without_counts_has_zeros()
    {
        Assert.Equal(new DeployProgressEvent("snapshotting"), DeployStreamParser.Parse("""{"type":"progress","phase":"snapshotting"}"""));
    }

    [Fact]
    public void The_result_line_carries_the_status_and_the_function()
    {
        var line = Assert.IsType<DeployResultEvent>(DeployStreamParser.Parse(
            """{"type":"result","status":201,"function":{"name":"hello","version":1,"image":"i","limits":{"memory":"256Mi","cpu":1},"instances":[]}}"""));

        Assert.Equal((201, "hello", 1, "1"), (line.Status, line.Function.Name, line.Function.Version, line.Function.Limits?.Cpu));
    }

    [Fact]
    public void The_error_line_carries_the_problem()
    {
        var line = Assert.IsType<DeployErrorEvent>(DeployStreamParser.Parse(
            """{"type":"error","status":400,"problem":{"title":"Bad Request","status":400,"detail":"image not found: 127.0.0.1:5000/nope"}}"""));

        Assert.Equal((400, "image not found: 127.0.0.1:5000/nope"), (line.Problem.Status, line.Problem.Detail));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"type":"heartbeat"}""")]
    public void Blank_lines_and_unknown_types_are_skipped(string text)
    {
        Assert.Null(DeployStreamParser.Parse(text));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"result","status":200}""")]
    public void Lines_that_are_not_the_protocol_are_errors(string text)
    {
        Assert.ThrowsAny<GatewayException>(() => DeployStreamParser.Parse(text));
    }
}
