namespace Faas.Cli.Client;

/// <summary>One line of a deploy's NDJSON answer (Accept: application/x-ndjson).</summary>
public abstract record DeployStreamEvent;
