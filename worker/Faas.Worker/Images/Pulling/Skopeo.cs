using Faas.Worker.Images.References;
using Faas.Worker.Images.Tools;

namespace Faas.Worker.Images.Pulling;

/// <summary>
/// skopeo for the network and archive formats: it resolves references to manifests and copies images into the blob layout.
/// Registries on loopback are spoken to over plain HTTP, all others over verified HTTPS; without credentials it never falls back
/// to the host's own login files.
/// </summary>
internal sealed class Skopeo
{
    private readonly string program;
    private readonly IToolRunner runner;

    public Skopeo(string program, IToolRunner runner)
    {
        this.program = program;
        this.runner = runner;
    }

    /// <summary>The manifest (or index) the reference points to, byte for byte as its source serves it.</summary>
    public async Task<byte[]> InspectRawAsync(ImageReference reference, AuthFile? authFile, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "inspect", "--raw" };
        AddSourceOptions(arguments, reference, authFile, prefix: "");
        arguments.Add(reference.SkopeoName);
        var result = await runner.RunAsync(new ToolInvocation(program, arguments), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw SkopeoErrors.Translate(result, reference);
    }

    /// <summary>Copies the linux/amd64 image of <paramref name="source"/> into the OCI layout, under <paramref name="tag"/>, keeping layers as they are.</summary>
    public async Task CopyAsync(ImageReference reference, string source, string layoutDirectory, string tag, AuthFile? authFile, IProgress<string>? outputLines, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "--insecure-policy",
            "--override-os", "linux",
            "--override-arch", "amd64",
            "copy",
            "--remove-signatures",
            "--dest-oci-accept-uncompressed-layers",
        };
        AddSourceOptions(arguments, reference, authFile, prefix: "src-");
        arguments.Add(source);
        arguments.Add($"oci:{layoutDirectory}:{tag}");
        var invocation = new ToolInvocation(program, arguments) { StandardOutputLines = outputLines };
        var result = await runner.RunAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw SkopeoErrors.Translate(result, reference);
        }
    }

    private static void AddSourceOptions(List<string> arguments, ImageReference reference, AuthFile? authFile, string prefix)
    {
        if (reference.Transport != ImageTransport.Registry)
        {
            return;
        }

        arguments.Add($"--{prefix}tls-verify={(reference.IsLoopbackRegistry ? "false" : "true")}");
        if (authFile is not null)
        {
            arguments.Add($"--{prefix}authfile");
            arguments.Add(authFile.Path);
        }
        else
        {
            arguments.Add($"--{prefix}no-creds");
        }
    }
}
