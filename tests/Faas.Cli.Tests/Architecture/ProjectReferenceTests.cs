namespace Faas.Cli.Tests.Architecture;

/// <summary>
/// The project reference graph (docs/architecture.md §2), read from the .csproj files and followed transitively.
/// Each failure names the chain of references that breaks the rule.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static ProjectGraph Graph => ProjectGraph.Repository;

    [Fact]
    public void Every_project_reference_points_at_an_existing_project()
    {
        var missing = Graph.MissingReferences.ToList();

        Assert.True(missing.Count == 0, $"ProjectReferences to files that do not exist: {string.Join("; ", missing)}");
    }

    [Theory]
    [InlineData("Faas.Worker")]
    [InlineData("Faas.Vmm")]
    [InlineData("Faas.Vmm.Qemu")]
    [InlineData("Faas.Scheduler")]
    public void The_gateway_does_not_reference_the_scheduler_or_worker_implementation(string forbidden)
    {
        _ = Graph[forbidden];

        var path = Graph.FindPath("Faas.Gateway", forbidden);

        Assert.True(path is null, $"Faas.Gateway must reach the scheduler only through Faas.Scheduler.Abstractions, but references {forbidden}: {Describe(path)}");
    }

    [Fact]
    public void The_gateway_reaches_the_scheduler_through_its_abstractions()
    {
        var path = Graph.FindPath("Faas.Gateway", "Faas.Scheduler.Abstractions");

        Assert.NotNull(path);
    }

    [Theory]
    [InlineData("Faas.Worker")]
    [InlineData("Faas.Vmm")]
    [InlineData("Faas.Vmm.Qemu")]
    [InlineData("Faas.Vmm.Abstractions")]
    public void Worker_side_projects_do_not_reference_the_guest_build_tooling(string project)
    {
        _ = Graph["Faas.Guest.Artifacts"];

        var path = Graph.FindPath(project, "Faas.Guest.Artifacts");

        Assert.True(path is null, $"{project} must not carry the guest build tooling, but references Faas.Guest.Artifacts: {Describe(path)}");
    }

    [Fact]
    public void The_guest_agent_references_only_the_guest_protocol()
    {
        var unexpected = Graph.Reachable("Faas.Guest.Agent")
            .Where(pair => pair.Key != "Faas.Guest.Protocol")
            .Select(pair => Describe(pair.Value))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unexpected.Count == 0, $"Faas.Guest.Agent (PID 1 in the VM) may reference only Faas.Guest.Protocol, but references: {string.Join("; ", unexpected)}");
        Assert.NotNull(Graph.FindPath("Faas.Guest.Agent", "Faas.Guest.Protocol"));
    }

    [Fact]
    public void No_project_references_a_test_project()
    {
        var testProjects = Graph.Projects.Where(project => project.IsTestProject).Select(project => project.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(testProjects);

        var offending = Graph.Projects
            .SelectMany(project => project.References.Where(testProjects.Contains).Select(reference => Describe([project.Name, reference])))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offending.Count == 0, $"test projects must not be referenced: {string.Join("; ", offending)}");
    }

    private static string Describe(IReadOnlyList<string>? path) => path is null ? "(none)" : ProjectGraph.Describe(path);
}
