using System.Diagnostics.CodeAnalysis;

namespace Faas.Guest.Agent.Users;

/// <summary>The credentials a user spec stands for, or why it stands for none.</summary>
internal readonly record struct UserResolution(Credentials? Credentials, string? Error)
{
    [MemberNotNullWhen(true, nameof(Credentials))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Resolved => Credentials is not null;

    public static UserResolution Success(Credentials credentials) => new(credentials, null);

    public static UserResolution Failure(string error) => new(null, error);
}
