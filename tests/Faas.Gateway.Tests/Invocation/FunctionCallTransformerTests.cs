using System.Net;
using System.Net.Http.Headers;
using Faas.Gateway.Invocation;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Tests.Invocation;

public sealed class FunctionCallTransformerTests
{
    private static readonly FunctionLease Lease = new(LeaseStatus.Leased, "l-1", "local", "http://127.0.0.1:8081", "hello--3", "i-abc", 3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FunctionCallTransformer Transformer(string? workerKey = "the-workers-key") =>
        new(new FunctionCall("c0ffee", "acme", "hello", Lease, TimeProvider.System.GetTimestamp(), TimeProvider.System), workerKey);

    [Fact]
    public async Task The_request_loses_the_key_and_platform_headers_and_gains_the_instance_and_call_id()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("gateway.example:8080");
        context.Request.Path = "/function/hello/x";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/function/hello/x?y=%2F";
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        context.Request.Headers.Authorization = "Bearer faas_secret";
        context.Request.Headers["X-Faas-Instance"] = "i-chosen-by-client";
        context.Request.Headers["x-faas-start"] = "boot";
        context.Request.Headers["X-Call-Id"] = "spoofed";
        context.Request.Headers["X-Faas-Worker-Key"] = "guessed-by-client";
        context.Request.Headers["X-Forwarded-For"] = "192.0.2.1";
        context.Request.Headers["X-Custom"] = "kept";
        using var proxyRequest = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);

        await Transformer().TransformRequestAsync(context, proxyRequest, "http://127.0.0.1:8081", Token);

        Assert.Null(proxyRequest.Headers.Authorization);
        Assert.Equal(["i-abc"], proxyRequest.Headers.GetValues("X-Faas-Instance"));
        Assert.False(proxyRequest.Headers.Contains("X-Faas-Start"));
        Assert.Equal(["c0ffee"], proxyRequest.Headers.GetValues("X-Call-Id"));
        Assert.Equal(["the-workers-key"], proxyRequest.Headers.GetValues("X-Faas-Worker-Key"));
        Assert.Equal(["kept"], proxyRequest.Headers.GetValues("X-Custom"));
        Assert.Equal(["192.0.2.1, 10.1.2.3"], proxyRequest.Headers.GetValues("X-Forwarded-For"));
        Assert.Equal(["gateway.example:8080"], proxyRequest.Headers.GetValues("X-Forwarded-Host"));
        Assert.Equal(["http"], proxyRequest.Headers.GetValues("X-Forwarded-Proto"));
        Assert.Equal("http://127.0.0.1:8081/acme/hello--3/x?y=%2F", proxyRequest.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Without_a_worker_key_none_is_sent_not_even_the_clients()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/function/hello";
        context.Request.Headers["X-Faas-Worker-Key"] = "guessed-by-client";
        using var proxyRequest = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);

        await Transformer(workerKey: null).TransformRequestAsync(context, proxyRequest, "http://127.0.0.1:8081", Token);

        Assert.False(proxyRequest.Headers.Contains("X-Faas-Worker-Key"));
    }

    [Fact]
    public async Task A_worker_that_refuses_the_gateways_key_is_a_502_naming_the_setting_but_a_functions_own_401_goes_through()
    {
        using var refused = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{}", new MediaTypeHeaderValue("application/problem+json")) };
        refused.Headers.TryAddWithoutValidation("X-Faas-Worker-Refused", "key");
        using var functions = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("log in first") };
        var refusedTransformer = Transformer();
        var functionsTransformer = Transformer();

        Assert.False(await refusedTransformer.TransformResponseAsync(new DefaultHttpContext(), refused, Token));
        Assert.True(await functionsTransformer.TransformResponseAsync(new DefaultHttpContext(), functions, Token));

        Assert.Equal(502, refusedTransformer.WorkerProblem!.Status);
        Assert.Contains("FAAS_WORKER_KEY", refusedTransformer.WorkerProblem.Detail, StringComparison.Ordinal);
        Assert.Contains("worker local", refusedTransformer.WorkerProblem.Detail, StringComparison.Ordinal);
        Assert.Null(functionsTransformer.WorkerProblem);
    }

    [Fact]
    public async Task A_function_response_goes_through_with_version_call_id_and_duration()
    {
        var context = new DefaultHttpContext();
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("hi") };
        response.Headers.TryAddWithoutValidation("X-Faas-Start", "warm");
        response.Headers.TryAddWithoutValidation("X-Call-Id", "set-by-function");
        var transformer = Transformer();

        Assert.True(await transformer.TransformResponseAsync(context, response, Token));

        var headers = context.Response.Headers;
        Assert.Equal("warm", headers["X-Faas-Start"]);
        Assert.Equal("3", headers["X-Faas-Version"]);
        Assert.Equal("c0ffee", headers["X-Call-Id"]);
        Assert.True(double.Parse(headers["X-Duration-Seconds"]!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Null(transformer.WorkerProblem);
        Assert.Equal(LeaseOutcome.Completed, transformer.Outcome);
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone, LeaseOutcome.InstanceGone)]
    [InlineData(HttpStatusCode.BadGateway, LeaseOutcome.InstanceFailed)]
    [InlineData(HttpStatusCode.GatewayTimeout, LeaseOutcome.InstanceFailed)]
    [InlineData(HttpStatusCode.TooManyRequests, LeaseOutcome.Completed)]
    public async Task A_workers_problem_is_held_back_and_decides_the_outcome(HttpStatusCode status, LeaseOutcome outcome)
    {
        var context = new DefaultHttpContext();
        using var response = new HttpResponseMessage(status)
        {
            Content = new StringContent($$"""{"title":"t","status":{{(int)status}},"detail":"d","function":"acme/hello--3","instance":"i-abc"}""", new MediaTypeHeaderValue("application/problem+json")),
        };
        var transformer = Transformer();

        Assert.False(await transformer.TransformResponseAsync(context, response, Token));

        Assert.Equal((int)status, transformer.WorkerProblem?.Status);
        Assert.Equal(outcome, transformer.Outcome);
        Assert.False(context.Response.Headers.ContainsKey("X-Call-Id"));
    }

    [Fact]
    public async Task A_functions_own_problem_is_passed_on_whole()
    {
        var json = $$"""{"title":"upstream down","status":502,"padding":"{{new string('x', 10_000)}}"}""";
        var context = new DefaultHttpContext();
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent(json, new MediaTypeHeaderValue("application/problem+json")),
        };
        var transformer = Transformer();

        Assert.True(await transformer.TransformResponseAsync(context, response, Token));

        Assert.Null(transformer.WorkerProblem);
        Assert.Equal(LeaseOutcome.Completed, transformer.Outcome);
        Assert.Equal(json, await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("application/problem+json", context.Response.Headers.ContentType);
    }
}
