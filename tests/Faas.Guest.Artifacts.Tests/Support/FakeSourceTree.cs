using Faas.Guest.Artifacts.Caching;

namespace Faas.Guest.Artifacts.Tests.Support;

/// <summary>
/// A small faas source tree: the real kernel build script, and a tiny NativeAOT program in place of the guest agent,
/// so the whole build pipeline runs for real in a minute instead of depending on the agent's own sources.
/// </summary>
public sealed class FakeSourceTree : IDisposable
{
    public const string AgentGreeting = "faas test agent";

    private readonly TemporaryDirectory directory = new();

    public FakeSourceTree()
    {
        var repository = SourceRootLocator.Find(null);
        foreach (var file in new[] { "build.sh", "faas-guest.config" })
        {
            Directory.CreateDirectory(directory.Combine("guest", "kernel"));
            File.Copy(Path.Combine(repository, "guest", "kernel", file), directory.Combine("guest", "kernel", file));
        }

        directory.WriteFile("faas.sln", "");
        directory.WriteFile(
            "guest/Faas.Guest.Agent/Faas.Guest.Agent.csproj",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>faas-agent</AssemblyName>
                <PublishAot>true</PublishAot>
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                <InvariantGlobalization>true</InvariantGlobalization>
                <StripSymbols>true</StripSymbols>
              </PropertyGroup>
            </Project>
            """);
        directory.WriteFile("guest/Faas.Guest.Agent/Program.cs", $"System.Console.WriteLine(\"{AgentGreeting}\");\n");
        directory.WriteFile("guest/Faas.Guest.Protocol/Frame.cs", "namespace Faas.Guest.Protocol;\n");
    }

    public string Root => directory.Path;

    public string Combine(params string[] parts) => directory.Combine(parts);

    public void WriteFile(string relativePath, string content) => directory.WriteFile(relativePath, content);

    /// <summary>
    /// Puts a kernel directory where guest/kernel/build.sh looks for its cached build, as a finished build leaves it
    /// (the files are placeholders: these tests never boot it, and building a real one takes 15 minutes).
    /// </summary>
    public async Task<string> PlaceKernelInCacheAsync(string cacheRoot, string release)
    {
        var key = await new KernelCache(cacheRoot, Root, Faas.Guest.Artifacts.Tools.CliWrapToolRunner.Instance).ComputeKeyAsync(TestContext.Current.CancellationToken);
        var kernel = Path.Combine(cacheRoot, "kernel", key);
        Directory.CreateDirectory(kernel);
        File.WriteAllText(Path.Combine(kernel, "vmlinux"), "vmlinux placeholder");
        File.WriteAllText(Path.Combine(kernel, "bzImage"), "bzImage placeholder");
        File.WriteAllText(Path.Combine(kernel, "config"), "CONFIG_PLACEHOLDER=y\n");
        File.WriteAllText(Path.Combine(kernel, "release"), release + "\n");
        return key;
    }

    public void Dispose() => directory.Dispose();
}
