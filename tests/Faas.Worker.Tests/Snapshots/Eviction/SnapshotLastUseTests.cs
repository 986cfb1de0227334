using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Snapshots.Transfer;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Snapshots.Eviction;

/// <summary>The last-use mark: written at most once a minute, read back after a restart, and never part of the snapshot's files.</summary>
public sealed class SnapshotLastUseTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _cache = new("faas-last-use-");

    [Fact]
    public void A_mark_is_written_at_most_once_a_minute()
    {
        var directory = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key('a'));

        SnapshotLastUse.Record(directory, Noon);
        SnapshotLastUse.Record(directory, Noon.AddSeconds(59));
        Assert.Equal(Noon.UtcDateTime, SnapshotLastUse.ReadUtc(directory));

        SnapshotLastUse.Record(directory, Noon.AddMinutes(2));
        Assert.Equal(Noon.AddMinutes(2).UtcDateTime, SnapshotLastUse.ReadUtc(directory));
    }

    [Fact]
    public void Without_a_mark_a_snapshot_was_last_used_when_its_record_was_written()
    {
        var directory = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key('a'));
        File.SetLastWriteTimeUtc(Path.Combine(directory, SnapshotStore.RecordFileName), Noon.UtcDateTime);

        Assert.Equal(Noon.UtcDateTime, SnapshotLastUse.ReadUtc(directory));
    }

    [Fact]
    public void A_missing_directory_gets_no_mark()
    {
        var missing = Path.Combine(_cache.Path, "snapshots", HandmadeSnapshot.Key('b'));

        SnapshotLastUse.Record(missing, Noon);

        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void The_mark_is_not_one_of_the_snapshots_files_nor_part_of_its_digest()
    {
        var directory = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key('a'));
        var files = SnapshotFiles.List(directory);
        var digest = SnapshotDigest.Compute(directory);

        SnapshotLastUse.Record(directory, Noon);

        Assert.True(File.Exists(Path.Combine(directory, SnapshotLastUse.FileName)));
        Assert.Equal(files, SnapshotFiles.List(directory));
        Assert.Equal(digest, SnapshotDigest.Compute(directory));
        Assert.Null(SnapshotFiles.Resolve(directory, SnapshotFiles.List(directory), SnapshotLastUse.FileName));
    }

    public void Dispose() => _cache.Dispose();
}
