using System.Security.Cryptography;
using System.Text;
using Faas.Common.Net;
using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Invocation;

/// <summary>Invocations through a real agent session to a real HTTP server (Kestrel).</summary>
public sealed class InvokeTests
{
    private const int MaxResponseFrame = 64 * 1024;

    private long _received;

    [Fact]
    public async Task A_GET_carries_headers_both_ways_and_leaves_hop_by_hop_headers_behind()
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();
        HttpHeader[] headers =
        [
            new("Accept", "text/plain"),
            new("X-Request-Id", "42"),
            new("X-Multi", "a"),
            new("X-Multi", "b"),
            new("Connection", "close"),
            new("TE", "trailers"),
            new("Content-Length", "999"),
        ];

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/headers?q=1", headers, function.Port, 0));

        Assert.Null(outcome.Error);
        Assert.Equal([MessageType.ResponseHead, MessageType.ResponseBody, MessageType.ResponseEnd], outcome.FrameTypes);
        Assert.Equal(200, outcome.Head!.Status);
        Assert.Equal(
            ["accept: text/plain", $"host: localhost:{function.Port}", "x-multi: a", "x-multi: b", "x-request-id: 42"],
            outcome.BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["a=1", "b=2; Path=/"], outcome.HeaderValues("Set-Cookie"));
        Assert.Equal(["kestrel, with a comma"], outcome.HeaderValues("X-Function"));
        Assert.Equal([outcome.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)], outcome.HeaderValues("Content-Length"));
        Assert.Equal(outcome.Body.Length, outcome.Head.BodyLength);
        Assert.Empty(outcome.HeaderValues("Keep-Alive"));
        Assert.Empty(outcome.HeaderValues("Connection"));
        Assert.Empty(outcome.HeaderValues("Transfer-Encoding"));
    }

    [Fact]
    public async Task A_HEAD_response_has_no_body_although_it_declares_a_length()
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("HEAD", "/headers", [], function.Port, 0));

        Assert.Equal([MessageType.ResponseHead, MessageType.ResponseEnd], outcome.FrameTypes);
        Assert.Equal(0, outcome.Head!.BodyLength);
        Assert.NotEqual("0", Assert.Single(outcome.HeaderValues("Content-Length")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_20_MB_POST_streams_both_ways_in_frames_of_at_most_64_KiB(bool lengthKnown)
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();
        var body = RandomNumberGenerator.GetBytes(20 * 1024 * 1024);
        var request = new InvokeRequest("POST", "/echo", [new("Content-Type", "application/x-test")], function.Port, lengthKnown ? body.Length : -1);
        await agent.Host.Writer.WriteMessageAsync(MessageType.Invoke, 1, request, MessageCodec.Invoke, TestContext.Current.CancellationToken);

        var receivedWhenUploadEnded = -1L;
        var outcome = new InvokeOutcome();
        var upload = Task.Run(
            async () =>
            {
                await agent.Host.SendBodyAsync(1, body);
                await agent.Host.Writer.WriteAsync(MessageType.RequestEnd, 1, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
                receivedWhenUploadEnded = Volatile.Read(ref _received);
            },
            TestContext.Current.CancellationToken);
        _received = 0;
        while (!outcome.IsComplete)
        {
            var frame = await agent.Host.NextAsync();
            outcome.Add(frame);
            Interlocked.Add(ref _received, frame.Type == MessageType.ResponseBody ? frame.Payload.Length : 0);
        }

        await upload;
        Assert.Null(outcome.Error);
        Assert.Equal(200, outcome.Head!.Status);
        Assert.Equal(lengthKnown ? body.Length : -1, outcome.Head.BodyLength);
        Assert.Equal(["application/x-test"], outcome.HeaderValues("Content-Type"));
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(outcome.Body));
        Assert.All(outcome.BodyFrameSizes, size => Assert.InRange(size, 1, MaxResponseFrame));
        Assert.True(receivedWhenUploadEnded < body.Length, "the response only flowed once the whole request body had been taken: something buffered it whole");
    }

    [Fact]
    public async Task A_chunked_response_is_decoded()
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/chunked", [], function.Port, 0));

        Assert.True(outcome.Ended, outcome.Error);
        Assert.Equal("one,two,three", outcome.BodyText);
        Assert.Equal(-1, outcome.Head!.BodyLength);
        Assert.Empty(outcome.HeaderValues("Transfer-Encoding"));
    }

    [Fact]
    public async Task A_chunked_response_with_extensions_and_trailers_is_decoded()
    {
        await using var server = ScriptedServer.Answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\nTrailer: X-Sum\r\n\r\n" +
            "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n");
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.True(outcome.Ended, outcome.Error);
        Assert.Equal("hello 0123456789", outcome.BodyText);
        Assert.Equal(-1, outcome.Head!.BodyLength);
        Assert.Empty(outcome.HeaderValues("Content-Length"));
        Assert.Empty(outcome.HeaderValues("Trailer"));
    }

    [Fact]
    public async Task A_response_without_Content_Length_ends_when_the_server_closes()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
            await connection.WriteAsync("first part, ");
            await connection.WriteAsync("until the end");
        });
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.True(outcome.Ended, outcome.Error);
        Assert.Equal("first part, until the end", outcome.BodyText);
        Assert.Equal(-1, outcome.Head!.BodyLength);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    public async Task Responses_without_a_body_end_after_their_head(int status)
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", $"/status/{status}", [], function.Port, 0));

        Assert.Equal([MessageType.ResponseHead, MessageType.ResponseEnd], outcome.FrameTypes);
        Assert.Equal(status, outcome.Head!.Status);
        Assert.Equal(0, outcome.Head.BodyLength);
    }

    [Fact]
    public async Task Interim_responses_are_skipped()
    {
        await using var server = ScriptedServer.Answering("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("POST", "/", [new("Expect", "100-continue")], server.Port, 3), "abc"u8.ToArray());

        Assert.True(outcome.Ended, outcome.Error);
        Assert.Equal(201, outcome.Head!.Status);
        Assert.Equal("ok", outcome.BodyText);
    }

    [Fact]
    public async Task Connection_refused_is_an_error()
    {
        await using var agent = await AgentHarness.StartAsync();
        var port = FreePort.Pick();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], port, 0));

        Assert.Equal([MessageType.Error], outcome.FrameTypes);
        Assert.Equal($"the function does not accept connections on port {port} (connection refused)", outcome.Error);
    }

    [Fact]
    public async Task A_server_that_closes_without_responding_is_an_error()
    {
        await using var server = new ScriptedServer(async connection => await connection.ReadRequestAsync());
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.Equal("the function closed the connection before responding", outcome.Error);
    }

    [Fact]
    public async Task A_server_that_resets_the_connection_is_an_error()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            connection.Reset();
        });
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.Equal("the connection to the function broke: the function reset the connection", outcome.Error);
    }

    [Fact]
    public async Task A_server_that_closes_in_the_middle_of_the_body_fails_after_the_head()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
        });
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.Equal([MessageType.ResponseHead, MessageType.ResponseBody, MessageType.Error], outcome.FrameTypes);
        Assert.Equal(100, outcome.Head!.BodyLength);
        Assert.Equal("only part", outcome.BodyText);
        Assert.Equal("the function closed the connection after 9 of the 100 bytes its response declared", outcome.Error);
    }

    [Theory]
    [InlineData("HTTP/1.1 OK\r\n\r\n", "the function sent a malformed response: its status line is not HTTP/1.x: 'HTTP/1.1 OK'")]
    [InlineData("HTTP/2 200\r\n\r\n", "the function sent a malformed response: its status line is not HTTP/1.x: 'HTTP/2 200'")]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n", "the function sent a malformed response: its status line is not HTTP/1.x: 'SSH-2.0-OpenSSH'")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n", "the function sent a malformed response: it has a malformed header line: 'Bad Header: x'")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "the function sent a malformed response: it folds a header over several lines (obsolete line folding): ' folded'")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "the function sent a malformed response: it declares two different Content-Length values (1 and 2)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "the function sent a malformed response: its Content-Length '-1' is not a number")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "the function sent a malformed chunked response: 'zz' is not a chunk size")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "the function switched protocols (101 Switching Protocols), which invocations do not support")]
    public async Task A_malformed_response_is_an_error(string response, string error)
    {
        await using var server = ScriptedServer.Answering(response);
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.Equal(error, outcome.Error);
    }

    [Fact]
    public async Task Response_headers_over_64_KiB_are_an_error()
    {
        var hugeHeader = new string('x', 70 * 1024);
        await using var server = ScriptedServer.Answering($"HTTP/1.1 200 OK\r\nX-Huge: {hugeHeader}\r\n\r\n");
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));

        Assert.Equal("the function sent a malformed response: its headers exceed 64 KiB", outcome.Error);
    }

    [Fact]
    public async Task Sixteen_concurrent_invocations_each_get_their_own_response()
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();
        var channels = Enumerable.Range(1, 16).Select(channel => (uint)channel).ToArray();
        var bodies = channels.ToDictionary(channel => channel, channel => Encoding.UTF8.GetBytes($"body of invocation {channel} " + new string('.', (int)channel * 1000)));

        foreach (var channel in channels)
        {
            await agent.Host.Writer.WriteMessageAsync(MessageType.Invoke, channel, new InvokeRequest("POST", "/echo", [], function.Port, bodies[channel].Length), MessageCodec.Invoke, TestContext.Current.CancellationToken);
        }

        foreach (var channel in channels)
        {
            await agent.Host.SendBodyAsync(channel, bodies[channel]);
            await agent.Host.Writer.WriteAsync(MessageType.RequestEnd, channel, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        }

        var outcomes = await agent.Host.CollectInvocationsAsync(channels);

        Assert.All(channels, channel =>
        {
            Assert.True(outcomes[channel].Ended, outcomes[channel].Error);
            Assert.Equal(bodies[channel], outcomes[channel].Body);
        });
    }

    [Fact]
    public async Task Sequential_invocations_reuse_one_connection()
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();

        // Without a request body nothing can still be in flight towards the function when its response ends,
        // so every connection goes back to the pool before the host hears ResponseEnd.
        for (uint channel = 1; channel <= 5; channel++)
        {
            var outcome = await agent.Host.InvokeAsync(channel, new InvokeRequest("GET", "/status/200", [], function.Port, 0));
            Assert.Equal(200, outcome.Head!.Status);
        }

        Assert.Equal(1, function.Connections);
    }

    [Fact]
    public async Task A_server_that_takes_one_connection_at_a_time_answers_concurrent_invocations()
    {
        await using var server = ScriptedServer.Answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", oneConnectionAtATime: true);
        await using var agent = await AgentHarness.StartAsync();

        for (uint round = 0; round < 3; round++)
        {
            var channels = Enumerable.Range(1, 4).Select(index => (uint)((round * 10) + index)).ToArray();
            foreach (var channel in channels)
            {
                await agent.Host.SendInvokeAsync(channel, new InvokeRequest("GET", "/", [], server.Port, 0));
            }

            var outcomes = await agent.Host.CollectInvocationsAsync(channels);
            Assert.All(outcomes.Values, outcome => Assert.Equal("ok", outcome.BodyText));
        }
    }

    [Fact]
    public async Task An_idle_connection_the_server_closed_is_replaced()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            // Answers one request, then closes the connection, or does so as the second request arrives.
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            await connection.ReadRequestAsync();
        });
        await using var agent = await AgentHarness.StartAsync();

        for (uint channel = 1; channel <= 4; channel++)
        {
            var outcome = await agent.Host.InvokeAsync(channel, new InvokeRequest("GET", "/", [], server.Port, 0));
            Assert.True(outcome.Ended, outcome.Error);
            Assert.Equal("ok", outcome.BodyText);
        }

        Assert.Equal(4, await server.ConnectionsOnceAtLeastAsync(4));
    }

    [Theory]
    [InlineData("GET", "/a b", "X-A", "1", "invalid request: the target '/a b' must start with / and contain no spaces or control characters")]
    [InlineData("GET", "a", "X-A", "1", "invalid request: the target 'a' must start with / and contain no spaces or control characters")]
    [InlineData("GE T", "/", "X-A", "1", "invalid request: 'GE T' is not an HTTP method")]
    [InlineData("GET", "/", "X-A", "1\r\nX-Injected: 1", "invalid request: header 'X-A' has control characters in its value")]
    [InlineData("GET", "/", "X A", "1", "invalid request: 'X A' is not a header name")]
    public async Task A_request_that_is_not_valid_HTTP_is_refused(string method, string target, string headerName, string headerValue, string error)
    {
        await using var server = ScriptedServer.Answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest(method, target, [new(headerName, headerValue)], server.Port, 0));

        Assert.Equal(error, outcome.Error);
        Assert.Equal(0, server.Connections);
    }

    [Theory]
    [InlineData(5, 10, "invalid request: its body is longer than its declared length of 5 bytes")]
    [InlineData(10, 5, "invalid request: its body ended after 5 of its declared 10 bytes")]
    public async Task A_body_that_does_not_match_its_declared_length_is_refused(int declared, int sent, string error)
    {
        await using var function = await KestrelFunction.StartAsync();
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest("POST", "/echo", [], function.Port, declared), new byte[sent]);

        Assert.Equal(error, outcome.Error);
    }

    [Fact]
    public async Task Frames_for_unknown_channels_and_abandoned_invocations_are_ignored()
    {
        var requestArrived = new TaskCompletionSource();
        var connectionClosed = new TaskCompletionSource();
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            requestArrived.TrySetResult();
            if (await connection.ReadRequestAsync() is null)
            {
                connectionClosed.TrySetResult();
            }
        });
        await using var agent = await AgentHarness.StartAsync();
        var host = agent.Host.Writer;
        var token = TestContext.Current.CancellationToken;

        await host.WriteAsync(MessageType.RequestBody, 99, "stray"u8.ToArray(), token);
        await host.WriteAsync(MessageType.RequestEnd, 99, ReadOnlyMemory<byte>.Empty, token);
        await host.WriteMessageAsync(MessageType.Error, 99, new ErrorMessage("timed out"), MessageCodec.Error, token);

        // An invocation the function never answers, abandoned by the host: its connection is closed and nothing more is said on its channel.
        await agent.Host.SendInvokeAsync(1, new InvokeRequest("GET", "/", [], server.Port, 0));
        await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
        await host.WriteMessageAsync(MessageType.Error, 1, new ErrorMessage("timed out"), MessageCodec.Error, token);
        await connectionClosed.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
        await host.WriteAsync(MessageType.RequestBody, 1, "late"u8.ToArray(), token);

        var outcome = await agent.Host.RunAsync(2, "echo", "still serving");
        Assert.Equal("still serving\n", outcome.StdoutText);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")]
    public async Task A_connection_the_server_did_not_offer_to_keep_is_not_reused(string response)
    {
        await using var server = ScriptedServer.Answering(response);
        await using var agent = await AgentHarness.StartAsync();

        for (uint channel = 1; channel <= 3; channel++)
        {
            var outcome = await agent.Host.InvokeAsync(channel, new InvokeRequest("GET", "/", [], server.Port, 0));
            Assert.Equal("ok", outcome.BodyText);
            Assert.Empty(outcome.HeaderValues("Connection"));
        }

        Assert.Equal(3, await server.ConnectionsOnceAtLeastAsync(3));
    }

    [Theory]
    [InlineData("GET", 0, null)]
    [InlineData("DELETE", 0, null)]
    [InlineData("POST", 0, "Content-Length: 0")]
    [InlineData("PUT", 3, "Content-Length: 3")]
    [InlineData("POST", -1, "Transfer-Encoding: chunked")]
    public async Task The_request_declares_its_body_as_HTTP_1_1_requires(string method, int bodyLength, string? framing)
    {
        var heads = new List<string>();
        await using var server = new ScriptedServer(async connection =>
        {
            while (await connection.ReadRequestAsync() is { } request)
            {
                lock (heads)
                {
                    heads.Add(request.Head + Convert.ToHexString(request.Body));
                }

                await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        await using var agent = await AgentHarness.StartAsync();
        var body = bodyLength == 0 ? [] : "abc"u8.ToArray();

        var outcome = await agent.Host.InvokeAsync(1, new InvokeRequest(method, "/path?x=1", [new("X-A", "1")], server.Port, bodyLength), body);

        Assert.True(outcome.Ended, outcome.Error);
        var expected = $"{method} /path?x=1 HTTP/1.1\r\nX-A: 1\r\nHost: localhost:{server.Port}\r\n" + (framing is null ? "" : framing + "\r\n") + "\r\n" + Convert.ToHexString(body);
        Assert.Equal(expected, Assert.Single(heads));
    }
}
