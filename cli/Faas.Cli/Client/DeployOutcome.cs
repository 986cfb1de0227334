namespace Faas.Cli.Client;

/// <summary>A successful deploy: the function as the gateway now describes it, and what changed.</summary>
public sealed record DeployOutcome(FunctionStatus Function, DeployChange Change);
