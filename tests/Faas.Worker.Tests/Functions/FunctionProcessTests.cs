using Faas.Worker.Functions;
using Faas.Worker.Images;

namespace Faas.Worker.Tests.Functions;

public sealed class FunctionProcessTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private static ImageConfig Image(string[]? entrypoint = null, string[]? cmd = null, string[]? env = null, string? workdir = null, string? user = null) =>
        new(entrypoint ?? [], cmd ?? [], env ?? [], workdir, user, []);

    [Fact]
    public void Entrypoint_and_cmd_are_joined_with_image_env_workdir_and_user()
    {
        var request = FunctionProcess.Resolve(
            Image(["/app/server"], ["--verbose"], ["PATH=/usr/bin:/bin", "GREETING=a=b"], "/app", "1000:1000"),
            new FunctionOverrides(),
            ReadyTimeout);

        Assert.Equal(["/app/server", "--verbose"], request.Argv);
        Assert.Equal("/usr/bin:/bin", request.Environment["PATH"]);
        Assert.Equal("a=b", request.Environment["GREETING"]);
        Assert.Equal("/app", request.WorkingDirectory);
        Assert.Equal("1000:1000", request.User);
        Assert.Equal(8080, request.Port);
        Assert.Equal("8080", request.Environment["PORT"]);
        Assert.Equal(30_000, request.ReadyTimeoutMilliseconds);
    }

    [Fact]
    public void Overriding_the_entrypoint_drops_the_image_cmd_like_docker()
    {
        var request = FunctionProcess.Resolve(Image(["/app/server"], ["--verbose"]), new FunctionOverrides(Entrypoint: ["/bin/sh"]), ReadyTimeout);

        Assert.Equal(["/bin/sh"], request.Argv);
    }

    [Fact]
    public void Overriding_the_cmd_keeps_the_entrypoint()
    {
        var request = FunctionProcess.Resolve(Image(["python3"], ["app.py"]), new FunctionOverrides(Command: ["other.py"]), ReadyTimeout);

        Assert.Equal(["python3", "other.py"], request.Argv);
    }

    [Fact]
    public void Env_overrides_win_and_PORT_from_env_sets_the_ready_port()
    {
        var request = FunctionProcess.Resolve(
            Image(cmd: ["server"], env: ["MODE=image", "PORT=9000"]),
            new FunctionOverrides(Environment: new Dictionary<string, string> { ["MODE"] = "deploy" }),
            ReadyTimeout);

        Assert.Equal("deploy", request.Environment["MODE"]);
        Assert.Equal(9000, request.Port);
    }

    [Fact]
    public void Explicit_port_overrides_PORT_in_the_environment()
    {
        var request = FunctionProcess.Resolve(Image(cmd: ["server"], env: ["PORT=9000"]), new FunctionOverrides(Port: 7000), ReadyTimeout);

        Assert.Equal(7000, request.Port);
        Assert.Equal("7000", request.Environment["PORT"]);
    }

    [Fact]
    public void Image_without_anything_to_run_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FunctionProcess.Resolve(Image(), new FunctionOverrides(), ReadyTimeout));

        Assert.Contains("neither an entrypoint nor a cmd", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    public void PORT_that_is_not_a_port_is_refused(string port)
    {
        Assert.Throws<ArgumentException>(() => FunctionProcess.Resolve(Image(cmd: ["server"], env: [$"PORT={port}"]), new FunctionOverrides(), ReadyTimeout));
    }
}
