namespace Faas.Cli.Client;

/// <summary>How one POST or PUT of a deploy ended: a function on success, a problem otherwise.</summary>
internal sealed record DeployAnswer(int Status, FunctionStatus? Function, GatewayProblem? Problem);
