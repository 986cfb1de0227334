using System.Diagnostics.CodeAnalysis;
using Faas.Scheduler.Tenants;

namespace Faas.Gateway.Auth;

/// <summary>The tenant a request speaks for, or why there is none.</summary>
public readonly record struct AuthenticationResult(TenantIdentity? Identity, AuthenticationFailure Failure)
{
    [MemberNotNullWhen(true, nameof(Identity))]
    public bool Succeeded => Identity is not null;

    public static AuthenticationResult Of(TenantIdentity identity) => new(identity, AuthenticationFailure.None);

    public static AuthenticationResult Failed(AuthenticationFailure failure) => new(null, failure);
}
