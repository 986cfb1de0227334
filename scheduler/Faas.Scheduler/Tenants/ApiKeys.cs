using System.Security.Cryptography;
using System.Text;

namespace Faas.Scheduler.Tenants;

/// <summary>API keys: "faas_" and 32 random bytes in base64url; only their SHA-256 is stored.</summary>
public static class ApiKeys
{
    public const string Prefix = "faas_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes, prefix included: what the directory stores and authenticates.</summary>
    public static string Hash(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
