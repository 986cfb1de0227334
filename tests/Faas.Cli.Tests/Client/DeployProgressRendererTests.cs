using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class DeployProgressRendererTests
{
    [Fact]
    public void Plain_output_prints_a_line_per_phase_or_detail_change_only()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var renderer = new DeployProgressRenderer(output, "hello", interactive: false);

        renderer.Report(new DeployProgressEvent("resolving", "127.0.0.1:5000/x:1"));
        renderer.Report(new DeployProgressEvent("pulling", "Copying blob sha256:a", 0, 2));
        renderer.Report(new DeployProgressEvent("pulling", "Copying blob sha256:a", 1, 2));
        renderer.Report(new DeployProgressEvent("pulling", "Copying blob sha256:b", 2, 2));
        renderer.Report(new DeployProgressEvent("unpacking", null, 512 * 1024, 2 * 1024 * 1024));
        renderer.Report(new DeployProgressEvent("buildingRootfs"));
        renderer.Complete();

        Assert.Equal(
            """
            faas: hello: resolving 127.0.0.1:5000/x:1
            faas: hello: pulling 0/2 Copying blob sha256:a
            faas: hello: pulling 2/2 Copying blob sha256:b
            faas: hello: unpacking 512.0 KiB/2.0 MiB
            faas: hello: building rootfs

            """,
            output.ToString());
    }

    [Fact]
    public void Terminal_output_redraws_a_phase_in_place_with_a_bar_and_ends_its_line_on_the_next_phase()
    {
        using var output = new StringWriter { NewLine = "\n" };
        var renderer = new DeployProgressRenderer(output, "hello", interactive: true, width: 120);

        renderer.Report(new DeployProgressEvent("pulling", null, 1, 4));
        renderer.Report(new DeployProgressEvent("pulling", null, 4, 4));
        renderer.Report(new DeployProgressEvent("booting"));
        renderer.Complete();

        var text = output.ToString();
        Assert.Equal(
            "\rfaas: hello: pulling [######                  ] 1/4\u001b[K"
            + "\rfaas: hello: pulling [########################] 4/4\u001b[K\n"
            + "\rfaas: hello: booting\u001b[K\n",
            text);
    }

    [Fact]
    public void Terminal_lines_are_cut_to_the_width()
    {
        using var output = new StringWriter();
        var renderer = new DeployProgressRenderer(output, "hello", interactive: true, width: 40);

        renderer.Report(new DeployProgressEvent("pulling", new string('x', 200)));

        var line = output.ToString().TrimStart('\r').Replace("\u001b[K", "", StringComparison.Ordinal);
        Assert.True(line.Length < 40, line);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_narrow_terminal_the_detail_is_cut_then_the_bar_dropped_but_the_counts_stay()
    {
        using var output = new StringWriter();
        var renderer = new DeployProgressRenderer(output, "hello", interactive: true, width: 40);

        renderer.Report(new DeployProgressEvent("pulling", "Copying blob sha256:0123456789abcdef", 1, 3));

        Assert.Equal("\rfaas: hello: pulling 1/3 Copying blob …\u001b[K", output.ToString());
    }

    [Theory]
    [InlineData("buildingRootfs", "building rootfs")]
    [InlineData("pulling", "pulling")]
    public void Phase_names_read_as_words(string phase, string name) => Assert.Equal(name, DeployProgressRenderer.PhaseName(phase));
}
