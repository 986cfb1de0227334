namespace Faas.Cli.Client;

/// <summary>What a deploy did to the function.</summary>
public enum DeployChange
{
    /// <summary>The function did not exist: version 1.</summary>
    Created,

    /// <summary>The spec changed: a new version takes new calls.</summary>
    Updated,

    /// <summary>The spec was the same as the current version's.</summary>
    Unchanged,
}
