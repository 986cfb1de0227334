using System.Text;

namespace Faas.Cli.Tests.Commands;

/// <summary>How a run of the faas CLI ended: its exit code, stdout as bytes (binary-safe) and stderr.</summary>
internal sealed record FaasRun(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"exit {ExitCode}\nstdout: {StdoutText}\nstderr: {Stderr}";
}
