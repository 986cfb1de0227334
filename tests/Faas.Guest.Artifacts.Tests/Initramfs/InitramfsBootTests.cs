using CliWrap;
using CliWrap.Buffered;
using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Initramfs;
using Faas.Guest.Artifacts.Tests.Support;
using Faas.Guest.Artifacts.Tools;
using Faas.Vmm.Caching;

namespace Faas.Guest.Artifacts.Tests.Initramfs;

/// <summary>The guest kernel unpacks the initramfs and runs its /init, a dynamically linked program, and busybox.</summary>
public sealed class InitramfsBootTests : IDisposable
{
    private const string InitProgram = """
        #include <stdio.h>
        #include <unistd.h>
        #include <sys/reboot.h>
        #include <sys/wait.h>
        int main(void) {
            printf("init running as pid %d\n", getpid());
            fflush(stdout);
            pid_t child = fork();
            if (child == 0) {
                execl("/bin/sh", "sh", "-c", "echo shell says $(cat /etc/passwd | cut -d: -f1)", (char *)0);
                _exit(127);
            }
            int status;
            waitpid(child, &status, 0);
            printf("shell exited with %d\n", WEXITSTATUS(status));
            fflush(stdout);
            reboot(RB_AUTOBOOT);
            return 1;
        }
        """;

    private readonly TemporaryDirectory temporary = new();

    public void Dispose() => temporary.Dispose();

    [Fact]
    public async Task The_guest_kernel_boots_into_init_which_finds_its_libraries_and_the_shell()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var kernel = await new KernelCache(CacheRootResolver.Resolve(null), SourceRootLocator.Find(null), CliWrapToolRunner.Instance).FindAsync(cancellationToken);
        if (kernel is null)
        {
            Assert.Skip("The guest kernel is not built yet (guest/kernel/build.sh, about 15 minutes); tests do not build it.");
        }

        var source = temporary.WriteFile("init.c", InitProgram);
        var init = temporary.Combine("init");
        var compile = await Cli.Wrap("cc").WithArguments(["-O2", "-o", init, source]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        Assert.True(compile.ExitCode == 0, compile.StandardError);
        var initrd = temporary.Combine("initrd.cpio");
        await using (var stream = File.Create(initrd))
        {
            await new InitramfsBuilder().BuildAsync(init, stream, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var boot = await Cli.Wrap("qemu-system-x86_64")
            .WithArguments(
            [
                "-M", "microvm,acpi=off", "-accel", "tcg", "-cpu", "max", "-m", "128", "-nographic", "-no-reboot", "-nodefaults",
                "-serial", "stdio", "-kernel", kernel.VmlinuxPath, "-initrd", initrd,
                "-append", "console=ttyS0 reboot=t no_timer_check tsc=reliable lpj=5000000 nokaslr cryptomgr.notests",
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);

        Assert.Contains("init running as pid 1", boot.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("shell says root", boot.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("shell exited with 0", boot.StandardOutput, StringComparison.Ordinal);
    }
}
