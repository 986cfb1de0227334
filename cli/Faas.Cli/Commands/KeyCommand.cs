using System.CommandLine;

namespace Faas.Cli.Commands;

/// <summary>faas key: a tenant's API keys.</summary>
public static class KeyCommand
{
    public static Command Create() => new("key", "List, add and revoke API keys (your tenant's; another tenant's with an admin key and --tenant)")
    {
        KeyListCommand.Create(),
        KeyAddCommand.Create(),
        KeyRevokeCommand.Create(),
    };

    /// <summary>--tenant: whose keys, when not the caller's own (admin keys only).</summary>
    public static Option<string?> TenantOption() => new("--tenant") { Description = "Another tenant's keys (needs an admin API key)" };
}
