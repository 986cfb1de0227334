using Faas.Gateway.Management;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Tests.Management;

public sealed class DeployResultsTests
{
    [Theory]
    [InlineData(DeployStatus.Created, 201)]
    [InlineData(DeployStatus.Updated, 200)]
    [InlineData(DeployStatus.Unchanged, 200)]
    [InlineData(DeployStatus.Conflict, 409)]
    [InlineData(DeployStatus.NotFound, 404)]
    [InlineData(DeployStatus.ImageFailed, 400)]
    [InlineData(DeployStatus.StartFailed, 422)]
    [InlineData(DeployStatus.NoWorker, 503)]
    public void Each_deploy_status_has_its_http_status(DeployStatus status, int code)
    {
        Assert.Equal(code, DeployResults.StatusOf(status));
    }

    [Fact]
    public void A_start_failure_is_a_422_with_the_functions_output()
    {
        var problem = DeployResults.Problem(new DeployResult(DeployStatus.StartFailed, Error: "never listened on 8080", OutputTail: "Traceback…\n"), "hello");

        Assert.Equal(422, problem.Status);
        Assert.Equal("Function did not start", problem.Title);
        Assert.Equal("never listened on 8080", problem.Detail);
        Assert.Equal("Traceback…\n", problem.OutputTail);
        Assert.Equal("hello", problem.Function);
    }

    [Theory]
    [InlineData(DeployPhase.Queued, "queued")]
    [InlineData(DeployPhase.BuildingRootfs, "buildingRootfs")]
    [InlineData(DeployPhase.Snapshotting, "snapshotting")]
    [InlineData(DeployPhase.Ready, "ready")]
    public void Progress_phases_are_camel_case(DeployPhase phase, string name)
    {
        Assert.Equal(name, DeployProgressLine.PhaseName(phase));
    }
}
