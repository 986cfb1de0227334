namespace Faas.Gateway.Auth;

/// <summary>Why a request has no tenant.</summary>
public enum AuthenticationFailure
{
    None,

    /// <summary>No <c>Authorization: Bearer</c> header (401).</summary>
    MissingKey,

    /// <summary>A key no tenant has (401).</summary>
    UnknownKey,

    /// <summary>The tenant directory did not answer (503).</summary>
    DirectoryUnavailable,
}
