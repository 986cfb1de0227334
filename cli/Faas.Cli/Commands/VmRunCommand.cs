using System.CommandLine;
using Faas.Cli.Hosting;

namespace Faas.Cli.Commands;

/// <summary>faas vm run: boot a VM (optionally from a container image), run one command or the image's function.</summary>
public static class VmRunCommand
{
    private const string Help = """
        Boot a micro-VM and run one command in it, streaming its output and exiting with its exit code.
        With --image, the VM's root filesystem is that container image (read-only, with a tmpfs for writes):
        a command runs inside the image; without a command the image's entrypoint starts as a function and
        the time until it accepts connections on $PORT is reported. The boot-to-ready time goes to stderr.

        Examples:
          faas vm run -- uname -a
          faas vm run -- sh -c 'exit 7'            # exits 7
          faas vm run --memory 512 --cpus 2 -e GREETING=hi -w /tmp -- sh -c 'echo $GREETING from $PWD'
          faas vm run --image 127.0.0.1:5000/samples/python-http -- cat /etc/os-release
          faas vm run --image 127.0.0.1:5000/samples/python-http --probe /     # start it, GET / inside the VM, stop
          faas vm run --image oci-archive:hello.tar                             # start it and stream its logs until Ctrl-C
        Registry credentials come from FAAS_REGISTRY_USERNAME and FAAS_REGISTRY_PASSWORD (or FAAS_REGISTRY_TOKEN).
        """;

    public static Command Create()
    {
        var options = new VmRunOptions();
        var run = new Command("run", Help);
        options.AddTo(run);
        run.SetAction((parse, cancellationToken) => VmRunner.RunAsync(options.Read(parse), cancellationToken));
        return run;
    }
}
