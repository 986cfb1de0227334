using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Common.Durations;
using Faas.Common.Names;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Management;

/// <summary>Checks a deploy request field by field and turns it into the <see cref="FunctionSpec"/> the scheduler deploys.</summary>
public static partial class DeployValidator
{
    public const int MinMemoryMiB = 64;
    public const int MaxMemoryMiB = 32 * 1024;
    public const int MaxVcpus = 64;
    public const int MaxInstancesLimit = 1000;
    public const int MaxConcurrencyLimit = 1000;
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxKeepAlive = TimeSpan.FromDays(1);

    private static readonly FunctionSpec Defaults = new() { Image = "" };

    /// <returns>The function's name and spec, or every reason the request was refused (and the name when it is valid).</returns>
    public static (string? Name, FunctionSpec? Spec, IReadOnlyList<string> Errors) Validate(DeployRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var name = request.Service;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("field 'service' is required: the function's name");
        }
        else if (!DnsLabel.IsFunctionName(name))
        {
            errors.Add($"field 'service': '{name}' is not a valid function name: use 1-{DnsLabel.MaxFunctionNameLength} lower-case letters, digits and '-', starting and ending with a letter or digit");
        }

        var image = request.Image?.Trim();
        if (string.IsNullOrEmpty(image))
        {
            errors.Add("field 'image' is required: the image reference, e.g. 127.0.0.1:5000/samples/python-http:latest");
        }
        else if (image.Any(char.IsWhiteSpace))
        {
            errors.Add($"field 'image': '{image}' is not an image reference (it contains blanks)");
        }

        var command = Command(request.EnvProcess, errors);
        CheckEnvironment(request.EnvVars, errors);
        CheckKeys("labels", request.Labels, errors);
        CheckKeys("annotations", request.Annotations, errors);
        var memory = Memory(request, errors);
        if (request.Requests?.Memory is { } requested)
        {
            MiB("requests.memory", requested, errors);
        }

        var vcpus = Cpus("limits.cpu", request.Limits?.Cpu, errors) ?? Defaults.VcpuCount;
        _ = Cpus("requests.cpu", request.Requests?.Cpu, errors);
        var minInstances = request.MinInstances ?? Defaults.MinInstances;
        var maxInstances = request.MaxInstances ?? Defaults.MaxInstances;
        var maxConcurrency = request.MaxConcurrency ?? Defaults.MaxConcurrency;
        Range("minInstances", minInstances, 0, MaxInstancesLimit, errors);
        Range("maxInstances", maxInstances, 1, MaxInstancesLimit, errors);
        Range("maxConcurrency", maxConcurrency, 1, MaxConcurrencyLimit, errors);
        if (minInstances > maxInstances && maxInstances >= 1)
        {
            errors.Add($"field 'minInstances' ({minInstances}) must not be more than 'maxInstances' ({maxInstances})");
        }

        var keepAlive = Duration("keepAlive", request.KeepAlive, MaxKeepAlive, errors) ?? Defaults.KeepAlive;
        var timeout = Duration("timeout", request.Timeout, MaxTimeout, errors) ?? Defaults.Timeout;
        if (request.Port is { } port)
        {
            Range("port", port, 1, 65535, errors);
        }

        if (request.User is { } user && (user.Length == 0 || user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors.Add($"field 'user': '{user}' is not a user name or id");
        }

        if (errors.Count > 0)
        {
            return (DnsLabel.IsFunctionName(name) ? name : null, null, errors);
        }

        var spec = new FunctionSpec
        {
            Image = image!,
            Command = command,
            EnvVars = request.EnvVars ?? [],
            Labels = request.Labels ?? [],
            Annotations = request.Annotations ?? [],
            MemoryMiB = memory,
            VcpuCount = vcpus,
            MinInstances = minInstances,
            MaxInstances = maxInstances,
            MaxConcurrency = maxConcurrency,
            KeepAlive = keepAlive,
            Timeout = timeout,
            Port = request.Port,
            User = request.User,
        };
        return (name, spec, []);
    }

    private static IReadOnlyList<string>? Command(string? envProcess, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(envProcess))
        {
            return null;
        }

        var words = ShellWords.Split(envProcess, out var error);
        if (words is null)
        {
            errors.Add($"field 'envProcess': {error}");
        }

        return words;
    }

    private static void CheckEnvironment(Dictionary<string, string>? variables, List<string> errors)
    {
        foreach (var (name, value) in variables ?? [])
        {
            if (!EnvironmentName().IsMatch(name))
            {
                errors.Add($"field 'envVars': '{name}' is not a variable name: use letters, digits and '_', not starting with a digit");
            }
            else if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"field 'envVars': the value of {name} must be a string without NUL characters");
            }
        }
    }

    private static void CheckKeys(string field, Dictionary<string, string>? values, List<string> errors)
    {
        foreach (var (key, value) in values ?? [])
        {
            if (key.Length == 0 || key.Any(char.IsControl))
            {
                errors.Add($"field '{field}': keys must be non-empty and printable");
            }
            else if (value is null)
            {
                errors.Add($"field '{field}': the value of '{key}' must be a string");
            }
        }
    }

    private static int Memory(DeployRequest request, List<string> errors)
    {
        var (field, value) = request.Memory is { ValueKind: not JsonValueKind.Null } memory
            ? ("memory", memory)
            : ("limits.memory", request.Limits?.Memory ?? default);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Defaults.MemoryMiB;
        }

        if (MiB(field, value, errors) is not { } mib)
        {
            return Defaults.MemoryMiB;
        }

        if (mib is < MinMemoryMiB or > MaxMemoryMiB)
        {
            errors.Add($"field '{field}': {MemorySizes.Format(mib)} is out of range: memory must be {MemorySizes.Format(MinMemoryMiB)} to {MemorySizes.Format(MaxMemoryMiB)}");
        }

        return mib;
    }

    private static int? MiB(string field, JsonElement value, List<string> errors)
    {
        var mib = 0;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => MemorySizes.TryParseMiB(value.GetString(), out mib),
            JsonValueKind.Number => value.TryGetDecimal(out var number) && MemorySizes.TryFromNumber(number, out mib),
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"field '{field}': {value.GetRawText()} is not a size: write \"256Mi\", \"1Gi\", \"512M\", \"1G\" or a number of MiB");
            return null;
        }

        return value.ValueKind == JsonValueKind.Null ? null : mib;
    }

    private static int? Cpus(string field, JsonElement? value, List<string> errors)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } cpu)
        {
            return null;
        }

        var vcpus = 0;
        var ok = cpu.ValueKind switch
        {
            JsonValueKind.String => CpuCounts.TryParse(cpu.GetString(), out vcpus),
            JsonValueKind.Number => cpu.TryGetDecimal(out var number) && CpuCounts.TryFromNumber(number, out vcpus),
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"field '{field}': {cpu.GetRawText()} is not a CPU count: write \"1\", \"2\", \"500m\" or a number");
            return null;
        }

        if (vcpus > MaxVcpus)
        {
            errors.Add($"field '{field}': {vcpus} vCPUs is more than the {MaxVcpus} an instance may have");
            return null;
        }

        return vcpus;
    }

    private static TimeSpan? Duration(string field, JsonElement? value, TimeSpan max, List<string> errors)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } element)
        {
            return null;
        }

        var duration = TimeSpan.Zero;
        var ok = element.ValueKind switch
        {
            JsonValueKind.String => GoDuration.TryParse(element.GetString(), out duration),
            JsonValueKind.Number => element.TryGetDecimal(out var seconds) && GoDuration.TryFromSeconds(seconds, out duration),
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"field '{field}': {element.GetRawText()} is not a duration: write \"500ms\", \"30s\", \"5m\", \"1h30m\" or a number of seconds");
            return null;
        }

        if (duration <= TimeSpan.Zero || duration > max)
        {
            errors.Add($"field '{field}': {GoDuration.Format(duration)} is out of range: it must be more than 0s and at most {GoDuration.Format(max)}");
            return null;
        }

        return duration;
    }

    private static void Range(string field, int value, int min, int max, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"field '{field}': {value.ToString(CultureInfo.InvariantCulture)} is out of range: it must be {min}-{max}");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
