using System.Text.RegularExpressions;

namespace Faas.Scheduler.Tenants;

/// <summary>Tenant names: DNS labels of at most <see cref="MaxLength"/> characters, so they fit in host names and worker paths.</summary>
public static partial class TenantNames
{
    public const int MaxLength = 40;

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
