namespace Faas.Cli.Client;

/// <summary>Where the body of `faas invoke --data` comes from.</summary>
public enum InvocationBodySource
{
    Text,
    File,
    StandardInput,
}
