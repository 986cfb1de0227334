namespace Faas.Cli.Client;

/// <summary>POST /system/keys's answer; the only time the key is shown.</summary>
public sealed record IssuedKey(string Tenant, string Id, string ApiKey)
{
    /// <summary>Without the key: this may end up in logs.</summary>
    public override string ToString() => $"key {Id} of tenant {Tenant}";
}
