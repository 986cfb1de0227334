using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Faas.Vmm.Tests.Support;

/// <summary>
/// Assembles a synthetic guest with GNU as and links it flat at its load address with ld (--oformat binary), so labels are
/// absolute guest physical addresses. Results are cached by source under the temporary directory.
/// </summary>
internal static class GuestAssembler
{
    private static readonly string CacheRoot = Path.Combine(Path.GetTempPath(), "faas-vmm-tests", "guests");

    public static async Task<byte[]> AssembleAsync(string source, ulong loadAddress)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{loadAddress:x}\n{source}")))[..16];
        var directory = Path.Combine(CacheRoot, key);
        var binary = Path.Combine(directory, "guest.bin");
        if (File.Exists(binary))
        {
            return await File.ReadAllBytesAsync(binary);
        }

        // Each assembly works in its own directory, so concurrent test processes never share an intermediate file.
        var work = Directory.CreateDirectory(Path.Combine(directory, Guid.NewGuid().ToString("N")));
        try
        {
            var assembly = Path.Combine(work.FullName, "guest.S");
            var objectFile = Path.Combine(work.FullName, "guest.o");
            var flat = Path.Combine(work.FullName, "guest.bin");
            await File.WriteAllTextAsync(assembly, source);
            await RunAsync("as", ["--64", "-o", objectFile, assembly]);
            await RunAsync("ld", ["-m", "elf_x86_64", "-N", "-e", "0", $"-Ttext=0x{loadAddress:x}", "--oformat", "binary", "-o", flat, objectFile]);
            File.Move(flat, binary, overwrite: true);
            return await File.ReadAllBytesAsync(binary);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.StandardError}{result.StandardOutput}");
        }
    }
}
