using System.Text;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>What a command run in the guest returned and printed.</summary>
internal sealed record GuestRun(ExecResult Result, string Stdout, string Stderr)
{
    public static async Task<GuestRun> ExecAsync(IMicroVm vm, params string[] argv)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var result = await vm.Agent.ExecAsync(new ExecRequest(argv), ExecOutput.To(stdout, stderr), timeout.Token);
        return new GuestRun(result, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
