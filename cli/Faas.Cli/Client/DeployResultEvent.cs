namespace Faas.Cli.Client;

/// <summary>{"type":"result"}: the deploy finished; <paramref name="Status"/> is 201 for a new function, 200 otherwise.</summary>
public sealed record DeployResultEvent(int Status, FunctionStatus Function) : DeployStreamEvent;
