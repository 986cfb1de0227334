namespace Faas.Cli.Client;

/// <summary>{"type":"error"}: the deploy failed with this problem (409 when POST found the function with another spec).</summary>
public sealed record DeployErrorEvent(GatewayProblem Problem) : DeployStreamEvent;
