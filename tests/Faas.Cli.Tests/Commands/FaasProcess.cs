using CliWrap;
using CliWrap.Buffered;

namespace Faas.Cli.Tests.Commands;

/// <summary>Runs the real faas CLI (the assembly next to the tests) as a child process, as a user would.</summary>
internal static class FaasProcess
{
    public static Task<BufferedCommandResult> RunAsync(params string[] arguments) =>
        CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "faas.dll"), .. arguments])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
}
