using CliWrap;
using CliWrap.Buffered;

namespace Faas.Guest.Artifacts.Tests.Support;

/// <summary>GNU cpio, the reference implementation the archives must satisfy.</summary>
public static class CpioTool
{
    public static async Task ExtractAsync(byte[] archive, string destination)
    {
        Directory.CreateDirectory(destination);
        var result = await Cli.Wrap("cpio")
            .WithArguments(["-i", "-d", "-m", "--no-absolute-filenames", "--quiet"])
            .WithWorkingDirectory(destination)
            .WithStandardInputPipe(PipeSource.FromBytes(archive))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"cpio -i failed ({result.ExitCode}): {result.StandardError}");
    }

    public static async Task<IReadOnlyList<string>> ListAsync(byte[] archive)
    {
        var result = await Cli.Wrap("cpio")
            .WithArguments(["-t", "--quiet"])
            .WithStandardInputPipe(PipeSource.FromBytes(archive))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"cpio -t failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
