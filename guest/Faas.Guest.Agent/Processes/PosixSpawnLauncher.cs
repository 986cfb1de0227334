using System.Runtime.InteropServices;
using System.Text;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Protocol.Messages;
using Microsoft.Win32.SafeHandles;

namespace Faas.Guest.Agent.Processes;

/// <summary>Starts programs with posix_spawn: stdin on /dev/null, stdout and stderr on pipes, default signal dispositions.</summary>
internal sealed unsafe class PosixSpawnLauncher(IChildReaper reaper) : IProcessLauncher
{
    private const string RootDirectory = "/";

    public LaunchResult Launch(ExecRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ExecRequestValidator.Validate(request) is { } invalid)
        {
            return LaunchResult.Failure(invalid);
        }

        var program = request.Argv[0];
        var workingDirectory = request.WorkingDirectory ?? RootDirectory;
        if (!Directory.Exists(workingDirectory))
        {
            return LaunchResult.Failure($"cannot run '{program}': working directory '{workingDirectory}' does not exist");
        }

        var environment = DefaultEnvironment.MergedWith(request.Environment);
        var searchPath = environment.GetValueOrDefault("PATH") ?? string.Empty;
        if (!ProgramResolver.TryResolve(program, searchPath, workingDirectory, out var path, out var error))
        {
            return LaunchResult.Failure(error);
        }

        var variables = environment.Select(variable => $"{variable.Key}={variable.Value}").ToList();
        return Spawn(program, path, request.Argv, variables, workingDirectory);
    }

    private LaunchResult Spawn(string program, string path, IReadOnlyList<string> argv, List<string> environment, string workingDirectory)
    {
        var stdout = stackalloc int[2];
        var stderr = stackalloc int[2];
        if (LibC.pipe2(stdout, LibC.O_CLOEXEC) != 0)
        {
            return LaunchResult.Failure($"cannot run '{program}': cannot create a pipe: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (LibC.pipe2(stderr, LibC.O_CLOEXEC) != 0)
        {
            var message = Marshal.GetLastPInvokeErrorMessage();
            CloseAll(stdout[0], stdout[1]);
            return LaunchResult.Failure($"cannot run '{program}': cannot create a pipe: {message}");
        }

        var result = SpawnWithPipes(path, argv, environment, workingDirectory, stdout[1], stderr[1], out var pid, out var exited);
        CloseAll(stdout[1], stderr[1]);
        if (result != 0)
        {
            CloseAll(stdout[0], stderr[0]);
            return LaunchResult.Failure($"cannot run '{program}': {Marshal.GetPInvokeErrorMessage(result)}");
        }

        return LaunchResult.Success(new ChildProcess(
            pid,
            new SafeFileHandle(stdout[0], ownsHandle: true),
            new SafeFileHandle(stderr[0], ownsHandle: true),
            exited!));
    }

    /// <returns>0, or the errno value posix_spawn returned (glibc reports a failed exec here too).</returns>
    private int SpawnWithPipes(
        string path,
        IReadOnlyList<string> argv,
        List<string> environment,
        string workingDirectory,
        int stdoutWriteEnd,
        int stderrWriteEnd,
        out int pid,
        out Task<ChildExit>? exited)
    {
        using var nativeArgv = new NativeStringArray([.. argv]);
        using var nativeEnvironment = new NativeStringArray(environment);
        var pathZ = NulTerminated(path);
        var workingDirectoryZ = NulTerminated(workingDirectory);
        var devNullZ = NulTerminated("/dev/null");

        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attributes;
        sigset_t noSignals;
        sigset_t allSignals;
        int childPid;
        exited = null;
        fixed (byte* pathPointer = pathZ, workingDirectoryPointer = workingDirectoryZ, devNullPointer = devNullZ)
        {
            _ = LibC.posix_spawn_file_actions_init(&actions);
            _ = LibC.posix_spawnattr_init(&attributes);
            try
            {
                _ = LibC.posix_spawn_file_actions_addopen(&actions, 0, devNullPointer, LibC.O_RDONLY, 0);
                _ = LibC.posix_spawn_file_actions_adddup2(&actions, stdoutWriteEnd, 1);
                _ = LibC.posix_spawn_file_actions_adddup2(&actions, stderrWriteEnd, 2);
                _ = LibC.posix_spawn_file_actions_addchdir_np(&actions, workingDirectoryPointer);

                // The runtime ignores SIGPIPE and may block signals; a program must start with the defaults.
                _ = LibC.sigemptyset(&noSignals);
                _ = LibC.sigfillset(&allSignals);
                _ = LibC.posix_spawnattr_setsigmask(&attributes, &noSignals);
                _ = LibC.posix_spawnattr_setsigdefault(&attributes, &allSignals);
                _ = LibC.posix_spawnattr_setflags(&attributes, LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF);

                using (reaper.HoldReaping())
                {
                    var result = LibC.posix_spawn(&childPid, pathPointer, &actions, &attributes, nativeArgv.Pointer, nativeEnvironment.Pointer);
                    pid = childPid;
                    if (result != 0)
                    {
                        return result;
                    }

                    exited = reaper.Watch(childPid);
                    return 0;
                }
            }
            finally
            {
                _ = LibC.posix_spawnattr_destroy(&attributes);
                _ = LibC.posix_spawn_file_actions_destroy(&actions);
            }
        }
    }

    private static byte[] NulTerminated(string value) => Encoding.UTF8.GetBytes(value + "\0");

    private static void CloseAll(params ReadOnlySpan<int> descriptors)
    {
        foreach (var descriptor in descriptors)
        {
            _ = LibC.close(descriptor);
        }
    }
}
