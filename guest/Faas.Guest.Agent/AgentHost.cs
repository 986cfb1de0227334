using Faas.Guest.Agent.Channel;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Agent.Platform;
using Faas.Guest.Agent.Processes;
using Faas.Guest.Agent.RootFs;
using Faas.Guest.Agent.Session;
using Faas.Guest.Agent.Setup;

namespace Faas.Guest.Agent;

/// <summary>The agent's life: set the guest up (as PID 1), serve the host channel, then end the VM.</summary>
internal static class AgentHost
{
    /// <summary>Blocking channel reads and pipe reads hold threads; keep the pool from waiting to grow on a 1-vCPU guest.</summary>
    private const int MinimumPoolThreads = 8;

    public static int Run()
    {
        var isInit = Environment.ProcessId == 1;
        using var log = isInit ? AgentLog.ToConsole() : AgentLog.ToStandardError();
        var exitCode = 1;
        try
        {
            log.Write($"agent {AgentInfo.Version} starting as pid {Environment.ProcessId}");
            if (isInit)
            {
                GuestSetup.Run(log);
                log.Write("guest set up");
            }

            ThreadPool.SetMinThreads(MinimumPoolThreads, MinimumPoolThreads);
            exitCode = Serve(isInit, log);
        }
        catch (Exception e)
        {
            log.Write($"fatal: {e}");
        }

        if (isInit)
        {
            PowerControl.EndVm(log);
        }

        return exitCode;
    }

    private static int Serve(bool isInit, AgentLog log)
    {
        using var channel = HostChannel.Open(KernelCommandLine.ReadCurrent());
        IChildReaper reaper = isInit ? InitReaper.Start(log) : new OwnChildrenReaper();
        using var session = new AgentSession(channel, new PosixSpawnLauncher(reaper), new OverlayRootMounter(), HelloFactory.Create(), log);
        log.Write("ready");
        var end = session.RunAsync().GetAwaiter().GetResult();
        log.Write($"session ended: {end.Detail}");
        return end.Reason == SessionEndReason.ChannelBroken ? 1 : 0;
    }
}
