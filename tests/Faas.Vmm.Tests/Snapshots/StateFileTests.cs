using Faas.Vmm.Snapshots;

namespace Faas.Vmm.Tests.Snapshots;

public sealed class StateFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("faas-state-file-");

    private string StatePath => Path.Combine(_directory.FullName, "vm.state");

    [Fact]
    public void What_is_written_reads_back()
    {
        byte[] state = [1, 2, 3, 4, 5];
        StateFile.Write(StatePath, state);
        Assert.Equal(state, StateFile.Read(StatePath));
    }

    [Theory]
    [InlineData(0, "not a VM state file")]
    [InlineData(8, "format version")]
    [InlineData(12, "truncated")]
    [InlineData(21, "CRC-64")]
    public void A_damaged_file_is_refused_and_the_message_says_what_is_wrong(int damagedByte, string expected)
    {
        StateFile.Write(StatePath, [1, 2, 3, 4, 5]);
        var bytes = File.ReadAllBytes(StatePath);
        bytes[damagedByte] ^= 0x01;
        File.WriteAllBytes(StatePath, bytes);

        var error = Assert.Throws<SnapshotFormatException>(() => StateFile.Read(StatePath));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        Assert.Throws<SnapshotFormatException>(() => StateFile.Read(StatePath));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
