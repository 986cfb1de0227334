using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests.Caching;

public sealed class AgentSourceKeyTests : IDisposable
{
    private readonly TemporaryDirectory tree = new();

    public AgentSourceKeyTests()
    {
        tree.WriteFile("Directory.Build.props", "<Project />");
        tree.WriteFile("Directory.Packages.props", "<Project />");
        tree.WriteFile("global.json", "{}");
        tree.WriteFile("faas.sln", "");
        tree.WriteFile("guest/Faas.Guest.Agent/Faas.Guest.Agent.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        tree.WriteFile("guest/Faas.Guest.Agent/Program.cs", "return 0;");
        tree.WriteFile("guest/Faas.Guest.Agent/Mounts/Mount.cs", "class Mount;");
        tree.WriteFile("guest/Faas.Guest.Agent/README.md", "not an input");
        tree.WriteFile("guest/Faas.Guest.Agent/bin/Release/Generated.cs", "class Built;");
        tree.WriteFile("guest/Faas.Guest.Agent/obj/Release/faas-agent.AssemblyInfo.cs", "class Info;");
        tree.WriteFile("guest/Faas.Guest.Agent/obj/project.assets.json", "{}");
        tree.WriteFile("guest/Faas.Guest.Protocol/Frame.cs", "class Frame;");
        tree.WriteFile("guest/Faas.Guest.Protocol/Faas.Guest.Protocol.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        tree.WriteFile("guest/Faas.Guest.Artifacts/Other.cs", "class Other;");
    }

    public void Dispose() => tree.Dispose();

    private Task<string> KeyAsync() => AgentSourceKey.ComputeAsync(tree.Path, TestContext.Current.CancellationToken);

    [Fact]
    public void Inputs_are_the_sources_of_the_agent_and_protocol_and_the_root_build_files_in_path_order()
    {
        Assert.Equal(
            [
                "Directory.Build.props",
                "Directory.Packages.props",
                "global.json",
                "guest/Faas.Guest.Agent/Faas.Guest.Agent.csproj",
                "guest/Faas.Guest.Agent/Mounts/Mount.cs",
                "guest/Faas.Guest.Agent/Program.cs",
                "guest/Faas.Guest.Protocol/Faas.Guest.Protocol.csproj",
                "guest/Faas.Guest.Protocol/Frame.cs",
            ],
            AgentSourceKey.ListInputs(tree.Path));
    }

    [Fact]
    public async Task The_key_is_a_sha256_that_is_stable_across_calls()
    {
        var key = await KeyAsync();

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, await KeyAsync());
    }

    [Theory]
    [InlineData("guest/Faas.Guest.Agent/Program.cs")]
    [InlineData("guest/Faas.Guest.Agent/Mounts/Mount.cs")]
    [InlineData("guest/Faas.Guest.Protocol/Frame.cs")]
    [InlineData("guest/Faas.Guest.Agent/Faas.Guest.Agent.csproj")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    [InlineData("global.json")]
    public async Task Changes_when_a_source_file_changes(string file)
    {
        var before = await KeyAsync();

        File.AppendAllText(tree.Combine(file), " ");

        Assert.NotEqual(before, await KeyAsync());
    }

    [Fact]
    public async Task Changes_when_a_source_file_is_added_or_renamed()
    {
        var before = await KeyAsync();
        tree.WriteFile("guest/Faas.Guest.Agent/New.cs", "");
        var added = await KeyAsync();
        File.Move(tree.Combine("guest/Faas.Guest.Agent/New.cs"), tree.Combine("guest/Faas.Guest.Agent/Renamed.cs"));

        Assert.NotEqual(before, added);
        Assert.NotEqual(added, await KeyAsync());
    }

    [Fact]
    public async Task Does_not_change_with_build_outputs_or_files_that_are_not_sources()
    {
        var before = await KeyAsync();

        File.AppendAllText(tree.Combine("guest/Faas.Guest.Agent/bin/Release/Generated.cs"), "changed");
        File.AppendAllText(tree.Combine("guest/Faas.Guest.Agent/obj/Release/faas-agent.AssemblyInfo.cs"), "changed");
        tree.WriteFile("guest/Faas.Guest.Agent/obj/Release/net10.0/New.g.cs", "new");
        tree.WriteFile("guest/Faas.Guest.Protocol/bin/Debug/x.cs", "new");
        File.AppendAllText(tree.Combine("guest/Faas.Guest.Agent/README.md"), "changed");
        File.AppendAllText(tree.Combine("guest/Faas.Guest.Artifacts/Other.cs"), "changed");
        File.SetLastWriteTimeUtc(tree.Combine("guest/Faas.Guest.Agent/Program.cs"), DateTime.UtcNow.AddDays(1));

        Assert.Equal(before, await KeyAsync());
    }
}
