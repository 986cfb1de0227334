using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class GatewayProblemTests
{
    [Fact]
    public void A_problem_document_is_read_with_its_extensions()
    {
        var problem = GatewayProblem.Parse(
            """{"type":"https://faas.dev/problems/not-ready","title":"Function did not become ready","status":422,"detail":"exited with code 1","function":"hello","instance":"i-7","outputTail":"Traceback\nImportError: flask\n"}""",
            422);

        Assert.Equal(
            new GatewayProblem(422, "Function did not become ready", "exited with code 1", "https://faas.dev/problems/not-ready", "hello", "i-7", "Traceback\nImportError: flask\n"),
            problem);
        Assert.Equal("Function did not become ready (422): exited with code 1", problem.ToString());
    }

    [Fact]
    public void An_output_tail_given_as_lines_is_joined()
    {
        var problem = GatewayProblem.Parse("""{"title":"Bad Gateway","status":502,"outputTail":["a","b"]}""", 502);

        Assert.Equal("a\nb", problem.OutputTail);
    }

    [Fact]
    public void A_body_that_is_not_a_problem_becomes_the_detail()
    {
        var problem = GatewayProblem.Parse("upstream connect error\n", 503, "Service Unavailable");

        Assert.Equal(new GatewayProblem(503, "Service Unavailable", "upstream connect error"), problem);
    }

    [Fact]
    public void An_empty_body_is_titled_after_the_status()
    {
        Assert.Equal(new GatewayProblem(500, "HTTP 500"), GatewayProblem.Parse("", 500));
        Assert.Equal("Not Found (404)", GatewayProblem.Parse(null, 404, "Not Found").ToString());
    }

    [Fact]
    public void The_problems_own_status_wins_and_a_missing_title_falls_back()
    {
        var problem = GatewayProblem.Parse("""{"status":409,"detail":"exists"}""", 200, "OK");

        Assert.Equal((409, "OK", "exists"), (problem.Status, problem.Title, problem.Detail));
    }
}
