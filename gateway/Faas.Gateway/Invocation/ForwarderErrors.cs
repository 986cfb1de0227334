using Faas.Gateway.Http;
using Faas.Scheduler.Functions;
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

    public static GatewayProblem Problem(ForwarderError error, string function, string? instance) =>
        (error == ForwarderError.RequestTimedOut
            ? GatewayProblem.Of(504, "Worker timed out", $"the worker running function {function} stopped answering", function)
            : GatewayProblem.Of(502, "Call failed", $"the call to function {function} failed: {Describe(error)}", function)) with { Instance = instance };

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "its worker could not be reached",
        ForwarderError.ResponseHeaders => "its worker sent an invalid response",
        ForwarderError.RequestBodyDestination => "its worker stopped reading the request body",
        ForwarderError.ResponseBodyDestination => "its worker stopped sending the response",
        _ => $"forwarding failed ({error})",
    };
}
