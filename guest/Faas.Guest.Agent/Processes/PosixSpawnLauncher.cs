using System.Runtime.InteropServices;
using System.Text;
using Faas.Guest.Agent.Interop;
using Faas.Guest.Agent.Users;
using Microsoft.Win32.SafeHandles;

namespace Faas.Guest.Agent.Processes;

/// <summary>
/// Starts programs with posix_spawn: stdin on /dev/null, stdout and stderr on pipes, no other descriptor, default
/// signal dispositions, as the requested user. glibc reports a failed exec (or chdir) as posix_spawn's result, so every failure to start is a
/// message, never a child that exits with 127.
/// </summary>
internal sealed unsafe class PosixSpawnLauncher(IChildReaper reaper) : IProcessLauncher
{
    private const string HomeVariable = "HOME";
    private const string PathVariable = "PATH";
    private const int FirstNonStandardDescriptor = 3;

    public LaunchResult Launch(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (ExecRequestValidator.Validate(spec) is { } invalid)
        {
            return LaunchResult.Failure(invalid);
        }

        var program = spec.Argv[0];
        var user = spec.User is null ? UserResolution.Success(Credentials.Root) : UserResolver.Resolve(spec.User, UserDatabase.Load());
        if (!user.Resolved)
        {
            return LaunchResult.Failure($"cannot run '{program}': {user.Error}");
        }

        if (!Directory.Exists(spec.WorkingDirectory))
        {
            return LaunchResult.Failure($"cannot run '{program}': working directory '{spec.WorkingDirectory}' does not exist");
        }

        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        environment.TryAdd(HomeVariable, user.Credentials.HomeDirectory);
        return Start(spec, user.Credentials, environment);
    }

    private LaunchResult Start(ProcessSpec spec, Credentials credentials, Dictionary<string, string> environment)
    {
        var program = spec.Argv[0];
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

        var child = new ChildSetup(stdout[1], stderr[1], spec.WorkingDirectory, spec.NewSession);
        var searchPath = environment.GetValueOrDefault(PathVariable) ?? DefaultEnvironment.Path;
        var variables = environment.Select(variable => $"{variable.Key}={variable.Value}").ToList();
        var error = SpawnAndWatch(spec.Argv, variables, searchPath, credentials, child, out var pid, out var exited);
        CloseAll(stdout[1], stderr[1]);
        if (error is not null)
        {
            CloseAll(stdout[0], stderr[0]);
            return LaunchResult.Failure(error);
        }

        return LaunchResult.Success(new ChildProcess(
            pid,
            new SafeFileHandle(stdout[0], ownsHandle: true),
            new SafeFileHandle(stderr[0], ownsHandle: true),
            exited!));
    }

    /// <summary>Spawns under a hold of the reaper, so that even a child that exits at once is delivered to its watcher.</summary>
    private string? SpawnAndWatch(
        IReadOnlyList<string> argv,
        List<string> environment,
        string searchPath,
        Credentials credentials,
        ChildSetup child,
        out int pid,
        out Task<ChildExit>? exited)
    {
        using (reaper.HoldReaping())
        {
            var error = credentials.IsAgentIdentity
                ? ResolveAndSpawn(argv, environment, searchPath, child, out pid)
                : ResolveAndSpawnAs(credentials, argv, environment, searchPath, child, out pid);

            // Watching may start a thread: only once this thread is itself again.
            exited = error is null ? reaper.Watch(pid) : null;
            return error;
        }
    }

    /// <summary>Looks the program up and spawns it as <paramref name="credentials"/>, so that both are checked with the user's permissions.</summary>
    private static string? ResolveAndSpawnAs(
        Credentials credentials,
        IReadOnlyList<string> argv,
        List<string> environment,
        string searchPath,
        ChildSetup child,
        out int pid)
    {
        pid = 0;
        var program = argv[0];
        if (ThreadIdentity.TryAssume(credentials, out var identity) is { } switchError)
        {
            return $"cannot run '{program}' as uid {credentials.UserId} gid {credentials.GroupId}: {switchError}";
        }

        using (identity)
        {
            if (LibC.access(child.WorkingDirectory, LibC.X_OK) != 0)
            {
                return $"cannot run '{program}': cannot enter working directory '{child.WorkingDirectory}': {Marshal.GetLastPInvokeErrorMessage()}";
            }

            return ResolveAndSpawn(argv, environment, searchPath, child, out pid);
        }
    }

    private static string? ResolveAndSpawn(IReadOnlyList<string> argv, List<string> environment, string searchPath, ChildSetup child, out int pid)
    {
        pid = 0;
        var program = argv[0];
        if (!ProgramResolver.TryResolve(program, searchPath, child.WorkingDirectory, out var path, out var error))
        {
            return error;
        }

        var result = Spawn(path, argv, environment, child, out pid);
        return result == 0 ? null : $"cannot run '{program}': {Marshal.GetPInvokeErrorMessage(result)}";
    }

    /// <returns>0, or the errno value posix_spawn returned (glibc reports a failed chdir or exec here too).</returns>
    private static int Spawn(string path, IReadOnlyList<string> argv, List<string> environment, ChildSetup child, out int pid)
    {
        using var nativeArgv = new NativeStringArray([.. argv]);
        using var nativeEnvironment = new NativeStringArray(environment);
        var pathZ = NulTerminated(path);
        var workingDirectoryZ = NulTerminated(child.WorkingDirectory);
        var devNullZ = NulTerminated("/dev/null");

        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attributes;
        sigset_t noSignals;
        sigset_t allSignals;
        int childPid;
        fixed (byte* pathPointer = pathZ, workingDirectoryPointer = workingDirectoryZ, devNullPointer = devNullZ)
        {
            _ = LibC.posix_spawn_file_actions_init(&actions);
            _ = LibC.posix_spawnattr_init(&attributes);
            try
            {
                _ = LibC.posix_spawn_file_actions_addopen(&actions, 0, devNullPointer, LibC.O_RDONLY, 0);
                _ = LibC.posix_spawn_file_actions_adddup2(&actions, child.StdoutWriteEnd, 1);
                _ = LibC.posix_spawn_file_actions_adddup2(&actions, child.StderrWriteEnd, 2);

                // Whatever the agent inherited without close-on-exec stays with the agent.
                _ = LibC.posix_spawn_file_actions_addclosefrom_np(&actions, FirstNonStandardDescriptor);
                _ = LibC.posix_spawn_file_actions_addchdir_np(&actions, workingDirectoryPointer);

                // The runtime ignores SIGPIPE and may block signals; a program must start with the defaults.
                _ = LibC.sigemptyset(&noSignals);
                _ = LibC.sigfillset(&allSignals);
                _ = LibC.posix_spawnattr_setsigmask(&attributes, &noSignals);
                _ = LibC.posix_spawnattr_setsigdefault(&attributes, &allSignals);
                var flags = LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF | (child.NewSession ? LibC.POSIX_SPAWN_SETSID : 0);
                _ = LibC.posix_spawnattr_setflags(&attributes, (short)flags);

                var result = LibC.posix_spawn(&childPid, pathPointer, &actions, &attributes, nativeArgv.Pointer, nativeEnvironment.Pointer);
                pid = childPid;
                return result;
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

    /// <summary>How the child is set up before it executes the program.</summary>
    private readonly record struct ChildSetup(int StdoutWriteEnd, int StderrWriteEnd, string WorkingDirectory, bool NewSession);
}
