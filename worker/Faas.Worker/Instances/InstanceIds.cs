using System.Security.Cryptography;

namespace Faas.Worker.Instances;

/// <summary>Instance ids: short, random, unique on a worker and across workers in practice.</summary>
internal static class InstanceIds
{
    public static string New() => "i-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
