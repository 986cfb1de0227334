using Microsoft.AspNetCore.Http.Features;

namespace Faas.Gateway.Async;

/// <summary>Tells the forwarder whether a call run from the queue has a body.</summary>
internal sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody => canHaveBody;
}
