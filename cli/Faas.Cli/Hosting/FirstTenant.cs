using Faas.Scheduler.Tenants;

namespace Faas.Cli.Hosting;

/// <summary>Creates the tenant "default" on a platform's first start and saves its API key, readable only by the owner.</summary>
public static class FirstTenant
{
    /// <summary>The new key when this call created the tenant; null when tenants existed already.</summary>
    public static async Task<string?> EnsureAsync(IGrainFactory grains, string apiKeyPath)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var first = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).EnsureFirstTenantAsync("default");
        if (first is null)
        {
            return null;
        }

        var temporary = apiKeyPath + ".tmp";
        File.Delete(temporary);
        var privateFile = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(temporary, privateFile))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(first.ApiKey);
        }

        File.Move(temporary, apiKeyPath, overwrite: true);
        return first.ApiKey;
    }
}
