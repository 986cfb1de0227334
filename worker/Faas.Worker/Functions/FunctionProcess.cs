using System.Globalization;
using Faas.Guest.Protocol.Messages;
using Faas.Worker.Images;

namespace Faas.Worker.Functions;

/// <summary>Resolves what the guest runs for a function: the image's config with the deploy's overrides applied.</summary>
public static class FunctionProcess
{
    public const int DefaultPort = 8080;

    /// <exception cref="ArgumentException">The result has no program to run, or PORT is not a port number.</exception>
    public static StartFunctionRequest Resolve(ImageConfig image, FunctionOverrides overrides, TimeSpan readyTimeout)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(overrides);
        var entrypoint = overrides.Entrypoint ?? image.Entrypoint;
        var command = overrides.Command ?? (overrides.Entrypoint is null ? image.Cmd : []);
        string[] argv = [.. entrypoint, .. command];
        if (argv.Length == 0)
        {
            throw new ArgumentException("the image has neither an entrypoint nor a cmd; give the function a command");
        }

        var environment = Environment(image, overrides);
        var port = overrides.Port ?? PortFrom(environment);
        environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        return new StartFunctionRequest(
            argv,
            environment,
            overrides.WorkingDirectory ?? NullIfEmpty(image.WorkingDir),
            overrides.User ?? NullIfEmpty(image.User),
            port,
            (int)readyTimeout.TotalMilliseconds);
    }

    /// <summary>The image's environment (NAME=value entries) with the overrides applied.</summary>
    public static Dictionary<string, string> Environment(ImageConfig image, FunctionOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(overrides);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in image.Env)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        foreach (var (name, value) in overrides.Environment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    private static int PortFrom(Dictionary<string, string> environment)
    {
        if (!environment.TryGetValue("PORT", out var text))
        {
            return DefaultPort;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"PORT '{text}' is not a TCP port number");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
