using System.Security.Cryptography;
using System.Text;

namespace Faas.Gateway.Auth;

/// <summary>What the tenant directory stores of an API key: the SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
public static class ApiKeyHasher
{
    public static string Hash(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey), digest);
        return Convert.ToHexStringLower(digest);
    }
}
