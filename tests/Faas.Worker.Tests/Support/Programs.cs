using Faas.Worker.Images.Tools;

namespace Faas.Worker.Tests.Support;

/// <summary>Runs the real tools the tests need (skopeo to push, htpasswd, fsck.erofs) and fails the test when one fails.</summary>
public static class Programs
{
    internal static async Task<ToolResult> RunAsync(string program, params string[] arguments)
    {
        var result = await CliWrapToolRunner.Instance.RunAsync(new ToolInvocation(program, arguments), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, $"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {string.Join('\n', result.StandardError)}");
        return result;
    }

    /// <summary>Copies between two skopeo names with no signature policy and no TLS for the loopback test registry.</summary>
    public static async Task SkopeoCopyAsync(string source, string destination, bool all = false, string? destinationAuthFile = null)
    {
        var arguments = new List<string> { "--insecure-policy", "copy", "--quiet" };
        if (all)
        {
            arguments.Add("--all");
        }

        if (destination.StartsWith("docker://", StringComparison.Ordinal))
        {
            arguments.Add("--dest-tls-verify=false");
            if (destinationAuthFile is not null)
            {
                arguments.Add("--dest-authfile");
                arguments.Add(destinationAuthFile);
            }
        }
        else if (destination.StartsWith("oci:", StringComparison.Ordinal))
        {
            arguments.Add("--dest-oci-accept-uncompressed-layers");
        }

        arguments.Add(source);
        arguments.Add(destination);
        await RunAsync("skopeo", [.. arguments]);
    }

    /// <summary>Extracts an erofs image with fsck.erofs (it checks every file while doing so), keeping owners and modes.</summary>
    public static async Task<string> ExtractErofsAsync(string image, string directory)
    {
        await RunAsync("fsck.erofs", $"--extract={directory}", "--preserve", image);
        return directory;
    }
}
