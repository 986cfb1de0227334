namespace Faas.Worker.Images;

/// <summary>
/// Credentials for a registry. Either <paramref name="Username"/> and <paramref name="Password"/> (HTTP basic, also used to obtain
/// bearer tokens from the registry's token service), or <paramref name="BearerToken"/>: an identity token, as <c>docker login</c>
/// stores for registries that issue them, exchanged at the registry's token service for access tokens.
/// Credentials are handed to skopeo in a private temporary file, never on a command line.
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password, string? BearerToken)
{
    /// <summary>Keeps secrets out of logs and exception messages.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username ?? "(none)"}, Password = {(Password is null ? "(none)" : "***")}, BearerToken = {(BearerToken is null ? "(none)" : "***")} }}";
}
