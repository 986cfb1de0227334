using Faas.Gateway.Invocation;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Tests.Invocation;

public sealed class LeaseProblemsTests
{
    [Theory]
    [InlineData(LeaseStatus.NotFound, 404, "Function not found")]
    [InlineData(LeaseStatus.AtCapacity, 429, "Too many concurrent calls")]
    [InlineData(LeaseStatus.StartFailed, 502, "Function did not start")]
    [InlineData(LeaseStatus.NoWorker, 503, "No worker available")]
    public void Each_lease_failure_has_its_status(LeaseStatus status, int code, string title)
    {
        var problem = LeaseProblems.For(new FunctionLease(status, Error: "why"), "hello", retryAfterSeconds: 2);

        Assert.Equal(code, problem.Status);
        Assert.Equal(title, problem.Title);
        Assert.Equal("hello", problem.Function);
        Assert.StartsWith("https://tools.ietf.org/html/", problem.Type, StringComparison.Ordinal);
    }

    [Fact]
    public void At_capacity_says_when_to_retry()
    {
        Assert.Equal(2, LeaseProblems.For(new FunctionLease(LeaseStatus.AtCapacity), "hello", 2).RetryAfterSeconds);
        Assert.Null(LeaseProblems.For(new FunctionLease(LeaseStatus.NotFound), "hello", 2).RetryAfterSeconds);
    }

    [Fact]
    public void A_start_failure_carries_the_functions_output()
    {
        var problem = LeaseProblems.For(new FunctionLease(LeaseStatus.StartFailed, Error: "exited 1", OutputTail: "boom\n"), "hello", 1);

        Assert.Equal("exited 1", problem.Detail);
        Assert.Equal("boom\n", problem.OutputTail);
    }

    [Theory]
    [InlineData(410, 503, "Instance went away")]
    [InlineData(404, 503, "Instance went away")]
    [InlineData(502, 502, "Function failed")]
    [InlineData(504, 504, "Function timed out")]
    [InlineData(413, 413, "Request body too large")]
    [InlineData(429, 429, "Too many concurrent calls")]
    public void Worker_problems_are_restated_with_the_functions_name(int workerStatus, int status, string title)
    {
        var workerTitle = workerStatus is 410 or 404 ? "Instance gone" : title;
        var problem = LeaseProblems.For(new WorkerProblem(workerStatus, workerTitle, "detail", "i-9", "tail"), "hello", 1);

        Assert.Equal(status, problem.Status);
        Assert.Equal(title, problem.Title);
        Assert.Equal("hello", problem.Function);
        Assert.Equal("i-9", problem.Instance);
        Assert.Equal("tail", problem.OutputTail);
        Assert.Equal(status is 429 or 503 ? 1 : null, problem.RetryAfterSeconds);
        if (status == 503)
        {
            Assert.Contains("retry", problem.Detail, StringComparison.Ordinal);
        }
    }
}
