using System.Text.RegularExpressions;
using Faas.Common.Durations;
using Faas.Common.Names;

namespace Faas.Cli.Client;

/// <summary>
/// Light checks of deploy values before they are sent, so a typo is caught with the flag or key that carried it. The
/// gateway is the authority: these only refuse what it could never accept.
/// </summary>
public static partial class SpecValues
{
    /// <summary>"256Mi", "1Gi", "512M", "1G", or a number of MiB.</summary>
    public static bool IsMemory(string? memory) => memory is not null && Memory().IsMatch(memory);

    /// <summary>"1", "2", "0.5", or Kubernetes millicores ("500m").</summary>
    public static bool IsCpu(string? cpu) => cpu is not null && Cpu().IsMatch(cpu);

    public static bool IsDuration(string? duration) => GoDuration.TryParse(duration, out _);

    /// <summary>Every problem with the values of <paramref name="deployment"/>, as "what: why" lines; empty when it looks deployable.</summary>
    public static IReadOnlyList<string> Check(FunctionDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var problems = new List<string>();
        if (!DnsLabel.IsFunctionName(deployment.Service))
        {
            problems.Add($"name '{deployment.Service}': must be a DNS label (a-z, 0-9, '-') of at most {DnsLabel.MaxFunctionNameLength} characters");
        }

        if (string.IsNullOrWhiteSpace(deployment.Image))
        {
            problems.Add("image: required");
        }

        CheckMemory(problems, "memory", deployment.Memory);
        CheckMemory(problems, "limits.memory", deployment.Limits?.Memory);
        CheckMemory(problems, "requests.memory", deployment.Requests?.Memory);
        CheckCpu(problems, "limits.cpu", deployment.Limits?.Cpu);
        CheckCpu(problems, "requests.cpu", deployment.Requests?.Cpu);
        CheckDuration(problems, "keep-alive", deployment.KeepAlive);
        CheckDuration(problems, "timeout", deployment.Timeout);
        CheckCount(problems, "min instances", deployment.MinInstances, 0);
        CheckCount(problems, "max instances", deployment.MaxInstances, 1);
        CheckCount(problems, "max concurrency", deployment.MaxConcurrency, 1);
        if (deployment is { MinInstances: { } min, MaxInstances: { } max } && min > max)
        {
            problems.Add($"min instances ({min}) is above max instances ({max})");
        }

        if (deployment.Port is { } port && port is < 1 or > 65535)
        {
            problems.Add($"port {port}: must be 1 to 65535");
        }

        return problems;
    }

    private static void CheckMemory(List<string> problems, string what, string? value)
    {
        if (value is not null && !IsMemory(value))
        {
            problems.Add($"{what} '{value}': expected a size such as 256Mi, 1Gi, 512M or a number of MiB");
        }
    }

    private static void CheckCpu(List<string> problems, string what, string? value)
    {
        if (value is not null && !IsCpu(value))
        {
            problems.Add($"{what} '{value}': expected a number of CPUs such as 1, 2 or 0.5");
        }
    }

    private static void CheckDuration(List<string> problems, string what, string? value)
    {
        if (value is not null && !IsDuration(value))
        {
            problems.Add($"{what} '{value}': expected a duration such as 500ms, 30s, 5m, 1h30m or a number of seconds");
        }
    }

    private static void CheckCount(List<string> problems, string what, int? value, int minimum)
    {
        if (value is { } count && count < minimum)
        {
            problems.Add($"{what} {count}: must be at least {minimum}");
        }
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(Mi|Gi|M|G)?$")]
    private static partial Regex Memory();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?m?$")]
    private static partial Regex Cpu();
}
