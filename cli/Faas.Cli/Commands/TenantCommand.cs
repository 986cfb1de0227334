using System.CommandLine;

namespace Faas.Cli.Commands;

/// <summary>faas tenant: manage tenants (needs an admin key).</summary>
public static class TenantCommand
{
    public static Command Create() => new("tenant", "Create and list tenants (needs an admin API key, such as the one `faas up` creates)")
    {
        TenantCreateCommand.Create(),
        TenantListCommand.Create(),
    };
}
