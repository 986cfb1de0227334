using Faas.Tests.Shared;
using System.Net;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Instances;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>A call can name the instance that serves it (the scheduler's choice); a deploy reports its steps.</summary>
[Collection(WorkerGroup.Name)]
public sealed class ChosenInstanceTests(WorkerFixture worker)
{
    private const string Function = "chosen";

    private static readonly FunctionKey Key = new(WorkerFixture.Tenant, Function);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_naming_an_instance_is_served_by_it_with_its_start_kind_first_then_warm()
    {
        var steps = new List<DeployStep>();
        await worker.Manager.DeployAsync(
            WorkerFixture.Sample(Function, SampleImages.Busybox) with { MaxInstances = 3 },
            progress: new SynchronousRecorder<DeployStep>(steps),
            cancellationToken: Token);
        await worker.Manager.StopInstancesAsync(Key, Token);
        var first = await worker.Manager.StartInstanceAsync(Key, StartKind.Restore, Token);
        var second = await worker.Manager.StartInstanceAsync(Key, StartKind.Restore, Token);

        using var toSecond = await SendAsync(second.Id);
        using var toSecondAgain = await SendAsync(second.Id);
        using var toFirst = await SendAsync(first.Id);

        Assert.Equal((HttpStatusCode.OK, "restore", second.Id), (toSecond.StatusCode, Responses.Start(toSecond), Responses.Instance(toSecond)));
        Assert.Equal(("warm", second.Id), (Responses.Start(toSecondAgain), Responses.Instance(toSecondAgain)));
        Assert.Equal(("restore", first.Id), (Responses.Start(toFirst), Responses.Instance(toFirst)));
        Assert.Equal("hello from busybox-http\n", await toFirst.Content.ReadAsStringAsync(Token));
        var stages = steps.Select(step => step.Stage).Distinct().ToList();
        Assert.Equal(DeployStage.PreparingImage, stages[0]);
        Assert.Equal(DeployStage.Ready, stages[^1]);
        Assert.True(steps.Exists(step => step.Image is not null), "image steps are reported");
    }

    [Fact]
    public async Task A_call_naming_an_unknown_or_stopped_instance_gets_410_and_the_instance_header_never_reaches_the_function()
    {
        await worker.DeployOnceAsync(WorkerFixture.Sample(Function + "-gone", SampleImages.Busybox));
        var key = new FunctionKey(WorkerFixture.Tenant, Function + "-gone");
        var instance = await worker.Manager.StartInstanceAsync(key, StartKind.Restore, Token);

        using var echoed = await SendAsync(instance.Id, Function + "-gone", "/env/HTTP_X_FAAS_INSTANCE");
        using var control = await SendAsync(instance.Id, Function + "-gone", "/env/HTTP_X_PROBE");
        await worker.Manager.StopInstanceAsync(instance.Id, Token);
        using var gone = await SendAsync(instance.Id, Function + "-gone");
        using var unknown = await SendAsync("i-unknown", Function + "-gone");

        Assert.Equal("yes", await control.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, echoed.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Contains(instance.Id, await gone.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, unknown.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string instanceId, string function = Function, string path = "/")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, WorkerFixture.PathOf(function, path));
        request.Headers.Add(WorkerHeaders.Instance, instanceId);
        request.Headers.Add("X-Probe", "yes");
        return worker.Client.SendAsync(request, Token);
    }

    private sealed class SynchronousRecorder<T>(List<T> into) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
