using Faas.Vmm;

namespace Faas.Worker.Instances;

/// <summary>Waits for an instance to end on its own and says why: its function exited, or its VM stopped (guest panic, out of memory, QEMU killed).</summary>
internal static class InstanceWatch
{
    /// <summary>When the agent channel closes the function's end is reported first; this long is given to the VM's own exit to explain it.</summary>
    private static readonly TimeSpan VmExitGrace = TimeSpan.FromSeconds(1);

    private const int ConsoleTailBytes = 8 * 1024;

    public static async Task<string> WaitForEndAsync(StartedVm started)
    {
        ArgumentNullException.ThrowIfNull(started);
        var vmExited = started.Vm.Exited;
        var first = await Task.WhenAny(vmExited, started.FunctionExited).ConfigureAwait(false);
        if (first == started.FunctionExited)
        {
            var result = await started.FunctionExited.ConfigureAwait(false);
            if (result.Error is null || await Task.WhenAny(vmExited, Task.Delay(VmExitGrace)).ConfigureAwait(false) != vmExited)
            {
                return ExitDescription.Of(result);
            }
        }

        return VmStopped(started.Vm);
    }

    private static string VmStopped(IMicroVm vm)
    {
        var telling = TellingConsoleLine(vm.ConsoleLogPath);
        return telling is null
            ? $"its VM {vm.Id} stopped unexpectedly"
            : $"its VM {vm.Id} stopped unexpectedly; the guest console says: {telling}";
    }

    /// <summary>The last console line that names a cause (panic, out of memory), if any.</summary>
    private static string? TellingConsoleLine(string consoleLogPath)
    {
        try
        {
            using var file = new FileStream(consoleLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(Math.Max(0, file.Length - ConsoleTailBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.LastOrDefault(line =>
                line.Contains("panic", StringComparison.OrdinalIgnoreCase)
                || line.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
                || line.Contains("oom-kill", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
