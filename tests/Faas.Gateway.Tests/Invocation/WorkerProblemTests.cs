using System.Text;
using Faas.Gateway.Invocation;

namespace Faas.Gateway.Tests.Invocation;

public sealed class WorkerProblemTests
{
    [Fact]
    public void A_problem_naming_the_workers_function_is_the_workers()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"about:blank","title":"Function failed","status":502,"detail":"it crashed","function":"acme/hello--2","instance":"i-1","outputTail":"panic"}""");

        var problem = WorkerProblem.TryParse(502, body, "acme/hello--2");

        Assert.NotNull(problem);
        Assert.Equal(new WorkerProblem(502, "Function failed", "it crashed", "i-1", "panic"), problem);
        Assert.Equal(WorkerAnswer.InstanceFailed, problem.Answer);
    }

    [Theory]
    [InlineData("""{"title":"Bad gateway","status":502}""")]
    [InlineData("""{"title":"Failed","function":"other/hello--2"}""")]
    [InlineData("""{"title":"Failed","function":"acme/hello--1"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    public void Any_other_body_is_the_functions_own(string json)
    {
        Assert.Null(WorkerProblem.TryParse(502, Encoding.UTF8.GetBytes(json), "acme/hello--2"));
    }

    [Theory]
    [InlineData(410, WorkerAnswer.InstanceGone)]
    [InlineData(404, WorkerAnswer.InstanceGone)]
    [InlineData(502, WorkerAnswer.InstanceFailed)]
    [InlineData(504, WorkerAnswer.InstanceFailed)]
    [InlineData(413, WorkerAnswer.Refused)]
    [InlineData(429, WorkerAnswer.Refused)]
    public void The_status_says_what_became_of_the_instance(int status, WorkerAnswer answer)
    {
        Assert.Equal(answer, new WorkerProblem(status, null, null, null, null).Answer);
    }

    [Fact]
    public void Only_error_statuses_in_problem_json_are_candidates()
    {
        Assert.True(WorkerProblem.IsCandidate(410, "application/problem+json"));
        Assert.False(WorkerProblem.IsCandidate(410, "application/json"));
        Assert.False(WorkerProblem.IsCandidate(200, "application/problem+json"));
        Assert.False(WorkerProblem.IsCandidate(502, null));
    }
}
