using Faas.Gateway.Invocation;
using Faas.Scheduler.Functions;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Gateway.Tests.Invocation;

public sealed class ForwarderErrorsTests
{
    [Theory]
    [InlineData(ForwarderError.None, LeaseOutcome.Completed)]
    [InlineData(ForwarderError.RequestCanceled, LeaseOutcome.Completed)]
    [InlineData(ForwarderError.RequestBodyClient, LeaseOutcome.Completed)]
    [InlineData(ForwarderError.ResponseBodyClient, LeaseOutcome.Completed)]
    [InlineData(ForwarderError.ResponseBodyCanceled, LeaseOutcome.Completed)]
    [InlineData(ForwarderError.Request, LeaseOutcome.InstanceFailed)]
    [InlineData(ForwarderError.RequestTimedOut, LeaseOutcome.InstanceFailed)]
    [InlineData(ForwarderError.ResponseHeaders, LeaseOutcome.InstanceFailed)]
    [InlineData(ForwarderError.RequestBodyDestination, LeaseOutcome.InstanceFailed)]
    [InlineData(ForwarderError.ResponseBodyDestination, LeaseOutcome.InstanceFailed)]
    public void A_failure_on_the_workers_side_may_have_cost_the_instance_and_one_on_the_clients_side_did_not(ForwarderError error, LeaseOutcome outcome)
    {
        Assert.Equal(outcome, ForwarderErrors.Outcome(error));
    }

    [Fact]
    public void An_unreachable_worker_is_a_502_naming_the_function_and_the_worker()
    {
        var problem = ForwarderErrors.Problem(ForwarderError.Request, "hello", "i-1", "w2");

        Assert.Equal(502, problem.Status);
        Assert.Equal("hello", problem.Function);
        Assert.Equal("i-1", problem.Instance);
        Assert.Contains("function hello", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("its worker w2 could not be reached", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ForwarderError.Request, "GET", true)]
    [InlineData(ForwarderError.Request, "HEAD", true)]
    [InlineData(ForwarderError.Request, "PUT", true)]
    [InlineData(ForwarderError.Request, "DELETE", true)]
    [InlineData(ForwarderError.Request, "POST", false)]
    [InlineData(ForwarderError.Request, "PATCH", false)]
    [InlineData(ForwarderError.ResponseBodyDestination, "GET", false)]
    [InlineData(ForwarderError.RequestTimedOut, "GET", false)]
    public void Only_an_idempotent_call_to_an_unreachable_worker_may_fail_over(ForwarderError error, string method, bool allowed)
    {
        Assert.Equal(allowed, ForwarderErrors.AllowsFailover(error, method));
    }

    [Fact]
    public void A_worker_that_stopped_answering_is_a_504()
    {
        Assert.Equal(504, ForwarderErrors.Problem(ForwarderError.RequestTimedOut, "hello", null).Status);
    }
}
