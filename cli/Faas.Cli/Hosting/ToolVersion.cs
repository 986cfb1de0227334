using CliWrap;
using CliWrap.Buffered;

namespace Faas.Cli.Hosting;

/// <summary>Asks an external program for its version.</summary>
public static class ToolVersion
{
    /// <returns>The first line of `program --version`, or null when the program is missing or fails.</returns>
    public static async Task<string?> QueryAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CliWrap.Cli.Wrap(program).WithArguments("--version").WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            return result.ExitCode == 0 ? result.StandardOutput.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
