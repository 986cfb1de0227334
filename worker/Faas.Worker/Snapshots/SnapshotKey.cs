using System.Security.Cryptography;
using System.Text.Json;
using Faas.Guest.Protocol.Messages;
using Faas.Worker.Functions;

namespace Faas.Worker.Snapshots;

/// <summary>
/// The content key of a function's snapshot: a snapshot is valid only for the same image, the same resolved start request and
/// overrides, the same kernel and agent, the same backend and the same VM size.
/// </summary>
public static class SnapshotKey
{
    /// <param name="imageDigest">The image's manifest digest (its root filesystem is built deterministically from it).</param>
    /// <param name="start">The resolved start request; its ready timeout does not change what the snapshot holds and is left out.</param>
    /// <param name="overrides">The deploy's overrides.</param>
    /// <param name="kernelKey">The guest kernel's content key.</param>
    /// <param name="agentKey">The guest agent's content key.</param>
    /// <param name="backend">The backend and anything that makes its snapshots incompatible with another configuration (e.g. "qemu/tcg").</param>
    /// <param name="memoryMiB">Guest RAM.</param>
    /// <param name="vcpuCount">Virtual CPUs.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Compute(
        string imageDigest,
        StartFunctionRequest start,
        FunctionOverrides overrides,
        string kernelKey,
        string agentKey,
        string backend,
        int memoryMiB,
        int vcpuCount)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(overrides);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", "faas-snapshot-key/1");
            json.WriteString("image", imageDigest);
            json.WriteString("kernel", kernelKey);
            json.WriteString("agent", agentKey);
            json.WriteString("backend", backend);
            json.WriteNumber("memoryMiB", memoryMiB);
            json.WriteNumber("vcpus", vcpuCount);
            json.WriteStartObject("start");
            WriteList(json, "argv", start.Argv);
            WriteMap(json, "env", start.Environment);
            json.WriteString("workdir", start.WorkingDirectory);
            json.WriteString("user", start.User);
            json.WriteNumber("port", start.Port);
            json.WriteEndObject();
            json.WriteStartObject("overrides");
            WriteList(json, "entrypoint", overrides.Entrypoint);
            WriteList(json, "command", overrides.Command);
            WriteMap(json, "env", overrides.Environment);
            json.WriteString("workdir", overrides.WorkingDirectory);
            json.WriteString("user", overrides.User);
            if (overrides.Port is { } port)
            {
                json.WriteNumber("port", port);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
