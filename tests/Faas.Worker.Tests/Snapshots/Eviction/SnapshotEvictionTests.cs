using Faas.Common.IO;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Eviction;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Snapshots.Eviction;

/// <summary>Eviction passes over hand-made snapshots: least recently used first, never one in use or being taken, leftovers removed.</summary>
public sealed class SnapshotEvictionTests : IDisposable
{
    private static readonly DateTime Start = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryDirectory _cache = new("faas-eviction-");
    private readonly SnapshotStore _store;

    public SnapshotEvictionTests()
    {
        _store = new SnapshotStore(_cache.Path);
    }

    private static SnapshotPins NothingInUse => new(_ => false);

    [Fact]
    public void Over_the_limit_the_least_recently_used_snapshots_go_first_until_the_rest_fits()
    {
        var (a, b, c, d) = (Write('a', minutesAgo: 10), Write('b', minutesAgo: 40), Write('c', minutesAgo: 30), Write('d', minutesAgo: 20));
        var size = AllocatedSize.OfTree(a);

        var pass = SnapshotEviction.Run(_store, (2 * size) + (size / 2), NothingInUse);

        Assert.Equal([HandmadeSnapshot.Key('b'), HandmadeSnapshot.Key('c')], pass.Evicted.Select(evicted => evicted.Key));
        Assert.All(pass.Evicted, evicted => Assert.Equal((EvictionReason.OverLimit, size), (evicted.Reason, evicted.Bytes)));
        Assert.Equal(Start.AddMinutes(-40), pass.Evicted[0].LastUsedUtc);
        Assert.False(Directory.Exists(b));
        Assert.False(Directory.Exists(c));
        Assert.NotNull(_store.TryLoad(HandmadeSnapshot.Key('a')));
        Assert.NotNull(_store.TryLoad(HandmadeSnapshot.Key('d')));
        Assert.Equal(2 * size, pass.TotalBytes);
        Assert.Empty(SnapshotEviction.Run(_store, (2 * size) + (size / 2), NothingInUse).Evicted);
    }

    [Fact]
    public void Within_the_limit_nothing_is_evicted()
    {
        var a = Write('a', minutesAgo: 10);
        Write('b', minutesAgo: 20);

        var pass = SnapshotEviction.Run(_store, 2 * AllocatedSize.OfTree(a), NothingInUse);

        Assert.Empty(pass.Evicted);
        Assert.Equal(2 * AllocatedSize.OfTree(a), pass.TotalBytes);
    }

    [Fact]
    public void Snapshots_in_use_are_kept_even_over_the_limit()
    {
        Write('a', minutesAgo: 50);
        Write('b', minutesAgo: 40);
        Write('c', minutesAgo: 30);
        var deployed = new SnapshotPins(key => key == HandmadeSnapshot.Key('a'));
        using var deploying = deployed.Pin(HandmadeSnapshot.Key('b'));

        var pass = SnapshotEviction.Run(_store, 1, deployed);

        Assert.Equal([HandmadeSnapshot.Key('c')], pass.Evicted.Select(evicted => evicted.Key));
        Assert.NotNull(_store.TryLoad(HandmadeSnapshot.Key('a')));
        Assert.NotNull(_store.TryLoad(HandmadeSnapshot.Key('b')));
        Assert.True(pass.TotalBytes > pass.LimitBytes);
    }

    [Fact]
    public void A_released_pin_no_longer_keeps_its_snapshot()
    {
        Write('a', minutesAgo: 50);
        var pins = NothingInUse;
        var pin = pins.Pin(HandmadeSnapshot.Key('a'));
        var second = pins.Pin(HandmadeSnapshot.Key('a'));
        pin.Dispose();
        pin.Dispose();

        Assert.Empty(SnapshotEviction.Run(_store, 1, pins).Evicted);

        second.Dispose();
        Assert.Single(SnapshotEviction.Run(_store, 1, pins).Evicted);
    }

    [Fact]
    public void A_snapshot_whose_key_lock_is_held_is_kept()
    {
        Write('a', minutesAgo: 50);
        Write('b', minutesAgo: 40);
        using (var taking = FileLock.TryAcquire(_store.LockPathOf(HandmadeSnapshot.Key('a'))))
        {
            Assert.NotNull(taking);

            var pass = SnapshotEviction.Run(_store, 1, NothingInUse);

            Assert.Equal([HandmadeSnapshot.Key('b')], pass.Evicted.Select(evicted => evicted.Key));
            Assert.NotNull(_store.TryLoad(HandmadeSnapshot.Key('a')));
        }

        Assert.Single(SnapshotEviction.Run(_store, 1, NothingInUse).Evicted);
    }

    [Fact]
    public void Incomplete_directories_and_dead_processes_fetches_are_removed_unless_being_written()
    {
        var interrupted = Incomplete('1');
        var beingTaken = Incomplete('2');
        var deadFetch = Path.Combine(_store.Temporary, $"{int.MaxValue}-{HandmadeSnapshot.Key('3')}-0");
        var ownFetch = Path.Combine(_store.Temporary, $"{Environment.ProcessId}-{HandmadeSnapshot.Key('4')}-0");
        Directory.CreateDirectory(deadFetch);
        Directory.CreateDirectory(ownFetch);
        var notASnapshot = Directory.CreateDirectory(Path.Combine(_store.Root, "something-else")).FullName;
        var complete = Write('a', minutesAgo: 1);
        using var taking = FileLock.TryAcquire(_store.LockPathOf(HandmadeSnapshot.Key('2')));

        var pass = SnapshotEviction.Run(_store, long.MaxValue, NothingInUse);

        var removed = Assert.Single(pass.Evicted);
        Assert.Equal((HandmadeSnapshot.Key('1'), EvictionReason.Incomplete), (removed.Key, removed.Reason));
        Assert.True(removed.Bytes > 0);
        Assert.False(Directory.Exists(interrupted));
        Assert.True(Directory.Exists(beingTaken));
        Assert.False(Directory.Exists(deadFetch));
        Assert.True(Directory.Exists(ownFetch));
        Assert.True(Directory.Exists(notASnapshot));
        Assert.True(Directory.Exists(complete));
    }

    [Fact]
    public void Sizes_count_allocated_blocks_so_a_sparse_64_MiB_file_with_4_KiB_of_data_counts_about_4_KiB()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_cache.Path, "sparse")).FullName;
        using (var file = new FileStream(Path.Combine(directory, "memory"), FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(64L * 1024 * 1024);
            file.Position = 32L * 1024 * 1024;
            file.Write(Enumerable.Repeat((byte)7, 4096).ToArray());
        }

        var size = AllocatedSize.OfTree(directory);

        Assert.Equal(AllocatedBytes.Of(Path.Combine(directory, "memory")) + AllocatedBytes.Of(directory), size);
        Assert.InRange(AllocatedBytes.Of(Path.Combine(directory, "memory")), 4096, 64 * 1024);
        Assert.InRange(size, 4096, 128 * 1024);
    }

    [Fact]
    public void A_pass_counts_what_handmade_snapshots_allocate_not_their_64_MiB_memory_files()
    {
        var a = Write('a', minutesAgo: 1);

        var pass = SnapshotEviction.Run(_store, long.MaxValue, NothingInUse);

        Assert.Equal(AllocatedSize.OfTree(a), pass.TotalBytes);
        Assert.InRange(pass.TotalBytes, 4 * 4096, 1024 * 1024);
    }

    public void Dispose() => _cache.Dispose();

    private string Write(char digit, int minutesAgo)
    {
        var directory = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key(digit), (byte)digit);
        SnapshotLastUse.Record(directory, Start.AddMinutes(-minutesAgo));
        return directory;
    }

    private string Incomplete(char digit)
    {
        var directory = HandmadeSnapshot.Write(_cache.Path, HandmadeSnapshot.Key(digit), (byte)digit);
        File.Delete(Path.Combine(directory, SnapshotStore.RecordFileName));
        return directory;
    }
}
