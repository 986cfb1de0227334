using Faas.Worker.Images;

namespace Faas.Cli.Hosting;

/// <summary>Registry credentials from FAAS_REGISTRY_USERNAME / FAAS_REGISTRY_PASSWORD or FAAS_REGISTRY_TOKEN, never from flags (they would show in the process list).</summary>
public static class RegistryCredentialsFromEnvironment
{
    public static RegistryCredentials? Read()
    {
        var username = Environment.GetEnvironmentVariable("FAAS_REGISTRY_USERNAME");
        var password = Environment.GetEnvironmentVariable("FAAS_REGISTRY_PASSWORD");
        var token = Environment.GetEnvironmentVariable("FAAS_REGISTRY_TOKEN");
        return username is null && password is null && token is null ? null : new RegistryCredentials(username, password, token);
    }
}
