using Faas.Common.Http;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Faas.Worker.Http;

/// <summary>
/// Writes a function's response into the caller's HTTP response as it streams out of the guest. The latest chunk is held back
/// until the next one arrives or <see cref="CompleteAsync"/>: the instance is given back before the caller can see the end of the
/// response, so a caller's next request finds it idle.
/// </summary>
internal sealed class HttpResponseSink(HttpContext context, InstanceLease lease) : IInvokeResponseSink
{
    private byte[]? _held;
    private int _heldLength;
    private bool _bodyAllowed = true;

    public ValueTask StartAsync(InvokeResponseHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var response = context.Response;
        response.StatusCode = head.Status;
        var connection = string.Join(',', head.Headers.Where(h => h.Name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
        foreach (var header in head.Headers)
        {
            if (!HopByHopHeaders.IsHopByHop(header.Name, connection) && !header.Name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.Append(header.Name, header.Value);
            }
        }

        // 1xx, 204, 205 and 304 responses have no body, whatever the function sent after the head.
        _bodyAllowed = head.Status is >= 200 and not 204 and not 205 and not 304;
        if (head.BodyLength >= 0 && _bodyAllowed)
        {
            response.ContentLength = head.BodyLength;
        }

        SetInstanceHeaders(response, lease);
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk)
    {
        if (!_bodyAllowed || chunk.IsEmpty)
        {
            return;
        }

        await FlushHeldAsync().ConfigureAwait(false);
        if (_held is null || _held.Length < chunk.Length)
        {
            _held = new byte[Math.Max(chunk.Length, 64 * 1024)];
        }

        chunk.CopyTo(_held);
        _heldLength = chunk.Length;
    }

    /// <summary>Writes the chunk held back; call once the call is over and the instance given back.</summary>
    public Task CompleteAsync() => FlushHeldAsync();

    public static void SetInstanceHeaders(HttpResponse response, InstanceLease lease)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(lease);
        response.Headers[WorkerHeaders.Start] = lease.Start.ToString().ToLowerInvariant();
        response.Headers[WorkerHeaders.Instance] = lease.InstanceId;
    }

    private async Task FlushHeldAsync()
    {
        if (_heldLength > 0)
        {
            var length = _heldLength;
            _heldLength = 0;
            await context.Response.Body.WriteAsync(_held.AsMemory(0, length), context.RequestAborted).ConfigureAwait(false);
        }
    }
}
