using System.Security.Cryptography;

namespace Faas.Gateway.Invocation;

/// <summary>Ids of calls: 16 random hex digits.</summary>
public static class CallIds
{
    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
