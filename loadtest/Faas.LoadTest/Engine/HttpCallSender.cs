using System.Net.Http.Headers;

namespace Faas.LoadTest.Engine;

/// <summary>GETs the target with its key, reads the whole body, and returns the status and X-Faas-Start.</summary>
public sealed class HttpCallSender : ICallSender, IDisposable
{
    public const string StartHeader = "X-Faas-Start";
    public const string WorkerKeyHeader = "X-Faas-Worker-Key";

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public HttpCallSender(TimeSpan timeout)
    {
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = timeout,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async ValueTask<CallResponse> SendAsync(CallTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        if (target.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (target.WorkerKey is { Length: > 0 } workerKey)
        {
            request.Headers.TryAddWithoutValidation(WorkerKeyHeader, workerKey);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.CopyToAsync(Stream.Null, deadline.Token).ConfigureAwait(false);
            }

            var start = response.Headers.TryGetValues(StartHeader, out var values) ? values.FirstOrDefault() : null;
            return new CallResponse((int)response.StatusCode, start, CallFailure.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CallResponse.Failed(CallFailure.Timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return CallResponse.Failed(CallFailure.Connection);
        }
    }

    public void Dispose() => _client.Dispose();
}
