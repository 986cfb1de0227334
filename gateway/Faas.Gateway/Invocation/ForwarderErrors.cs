using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Gateway.Invocation;

/// <summary>What a failed forwarding means: whose fault it was, and the answer when the response has not started.</summary>
public static class ForwarderErrors
{
    /// <summary>The client went away or broke its side of the exchange; the instance did nothing wrong.</summary>
    public static bool IsClientSide(ForwarderError error) => error is
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
        or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
        or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;

    public static LeaseOutcome Outcome(ForwarderError error) =>
        error == ForwarderError.None || error == ForwarderError.RequestCreation || IsClientSide(error) ? LeaseOutcome.Completed : LeaseOutcome.InstanceFailed;

    public static GatewayProblem Problem(ForwarderError error, string function, string? instance, string? worker = null) =>
        (error == ForwarderError.RequestTimedOut
            ? GatewayProblem.Of(504, "Worker timed out", $"the worker {worker} running function {function} stopped answering", function)
            : GatewayProblem.Of(502, "Call failed", $"the call to function {function} failed: {Describe(error, worker)}", function)) with { Instance = instance };

    /// <summary>
    /// Whether the call may be sent again to another worker: its worker could not be reached, the method is idempotent and the
    /// request has no body, so at most the worker saw a request it never answered.
    /// </summary>
    public static bool AllowsFailover(ForwarderError error, string method) =>
        error == ForwarderError.Request
        && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method));

    private static string Describe(ForwarderError error, string? worker) => error switch
    {
        ForwarderError.Request => $"its worker {worker} could not be reached",
        ForwarderError.ResponseHeaders => "its worker sent an invalid response",
        ForwarderError.RequestBodyDestination => "its worker stopped reading the request body",
        ForwarderError.ResponseBodyDestination => "its worker stopped sending the response",
        _ => $"forwarding failed ({error})",
    };
}
