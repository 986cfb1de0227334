using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Tests.Invocation;

public sealed class FunctionTargetTests
{
    [Theory]
    [InlineData("/function/hello", "/")]
    [InlineData("/function/hello/", "/")]
    [InlineData("/function/hello?x=1", "/?x=1")]
    [InlineData("/function/hello/?x=1", "/?x=1")]
    [InlineData("/function/hello/a/b", "/a/b")]
    [InlineData("/function/hello/a%2Fb/%41%20c?q=%2F&r=a+b", "/a%2Fb/%41%20c?q=%2F&r=a+b")]
    [InlineData("/FUNCTION/hello/x", "/x")]
    [InlineData("/function/hello/x?next=/../y", "/x?next=/../y")]
    public void The_rest_of_the_target_is_kept_exactly_as_sent(string raw, string rest)
    {
        Assert.Equal(rest, FunctionTarget.RestOf(raw, "hello"));
    }

    [Theory]
    [InlineData("/function/hello/../other")]
    [InlineData("/function/hello/a/./b")]
    [InlineData("/function/hello/%2e%2e/x")]
    [InlineData("/function/hello/.%2E")]
    [InlineData("/function/hellox/a")]
    [InlineData("/function/hell%6F/a")]
    [InlineData("http://gateway/function/hello/a")]
    [InlineData("/base/function/hello/a")]
    public void Targets_with_dot_segments_or_another_shape_are_not_taken_raw(string raw)
    {
        Assert.Null(FunctionTarget.RestOf(raw, "hello"));
    }

    [Fact]
    public void The_destination_is_the_workers_path_of_the_tenants_function_version()
    {
        var context = Context("/function/hello/a%2Fb?q=%41", "/function/hello/a%2Fb", "?q=%41");

        var uri = FunctionTarget.Build("http://127.0.0.1:8081/", "acme", "hello--3", "hello", context);

        Assert.Equal("http://127.0.0.1:8081/acme/hello--3/a%2Fb?q=%41", uri.AbsoluteUri);
        Assert.Equal("/acme/hello--3/a%2Fb?q=%41", uri.PathAndQuery);
    }

    [Fact]
    public void Without_a_usable_raw_target_the_normalised_path_is_used()
    {
        // What the server made of "/function/hello/x/../y%20z?q=1": dot segments resolved, %20 decoded.
        var context = Context("/function/hello/x/../y%20z?q=1", "/function/hello/y z", "?q=1");

        var uri = FunctionTarget.Build("http://127.0.0.1:8081", "acme", "hello--1", "hello", context);

        Assert.Equal("/acme/hello--1/y%20z?q=1", uri.PathAndQuery);
    }

    private static DefaultHttpContext Context(string rawTarget, string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context;
    }
}
