namespace Faas.Vmm.Caching;

/// <summary>Where cached artifacts live: $FAAS_CACHE_DIR, else $XDG_CACHE_HOME/faas, else ~/.cache/faas (as guest/kernel/build.sh decides).</summary>
public static class CacheRootResolver
{
    public const string CacheDirectoryVariable = "FAAS_CACHE_DIR";
    public const string XdgCacheHomeVariable = "XDG_CACHE_HOME";

    public static string Resolve(string? explicitRoot)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        var faasCache = Environment.GetEnvironmentVariable(CacheDirectoryVariable);
        if (!string.IsNullOrEmpty(faasCache))
        {
            return Path.GetFullPath(faasCache);
        }

        var xdgCache = Environment.GetEnvironmentVariable(XdgCacheHomeVariable);
        if (!string.IsNullOrEmpty(xdgCache))
        {
            return Path.GetFullPath(Path.Combine(xdgCache, "faas"));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException($"No cache directory: set {CacheDirectoryVariable} (neither {XdgCacheHomeVariable} nor a home directory is available).");
        }

        return Path.Combine(home, ".cache", "faas");
    }
}
