using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Tests.Functions;

public sealed class LogCursorTests
{
    [Fact]
    public void A_cursor_keeps_the_last_sequence_of_each_worker_and_version_and_never_goes_back()
    {
        var cursor = LogCursor.Parse(null);
        cursor.Advance("w1", 1, 10);
        cursor.Advance("w2", 1, 4);
        cursor.Advance("w1", 2, 7);
        cursor.Advance("w1", 1, 3);

        var parsed = LogCursor.Parse(cursor.ToString());

        Assert.Equal((10, 4, 7, 0), (parsed.After("w1", 1), parsed.After("w2", 1), parsed.After("w1", 2), parsed.After("w3", 1)));
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("bm90IGpzb24")]
    public void An_unreadable_cursor_reads_from_the_start(string text) => Assert.Equal(0, LogCursor.Parse(text).After("w1", 1));
}
