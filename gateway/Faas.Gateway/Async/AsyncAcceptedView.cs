namespace Faas.Gateway.Async;

/// <summary>The body of a <c>202 Accepted</c> answer to <c>/async-function/{name}</c>.</summary>
public sealed record AsyncAcceptedView(string Id);
