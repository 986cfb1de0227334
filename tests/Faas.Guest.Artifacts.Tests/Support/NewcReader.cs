using System.Globalization;
using System.Text;

namespace Faas.Guest.Artifacts.Tests.Support;

/// <summary>
/// A deliberately separate, strict reader of the newc format, written from the format description rather than
/// from the writer: it checks the magic, that every field is 8 hex digits, that headers and data start on
/// 4-byte boundaries with zero padding, that names are NUL-terminated, and that the trailer ends the archive.
/// </summary>
public static class NewcReader
{
    private const int HeaderLength = 110;

    public static IReadOnlyList<NewcEntry> Read(byte[] archive)
    {
        var entries = new List<NewcEntry>();
        var offset = 0;
        while (true)
        {
            Assert.Equal(0, offset % 4);
            Assert.True(offset + HeaderLength <= archive.Length, $"truncated header at {offset}");
            Assert.Equal("070701", Encoding.ASCII.GetString(archive, offset, 6));
            var fields = new uint[13];
            for (var i = 0; i < fields.Length; i++)
            {
                var text = Encoding.ASCII.GetString(archive, offset + 6 + (i * 8), 8);
                Assert.Matches("^[0-9A-Fa-f]{8}$", text);
                fields[i] = uint.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            var nameSize = (int)fields[11];
            var fileSize = (int)fields[6];
            Assert.True(nameSize >= 2, "name size includes the NUL");
            var nameStart = offset + HeaderLength;
            Assert.Equal(0, archive[nameStart + nameSize - 1]);
            var name = Encoding.UTF8.GetString(archive, nameStart, nameSize - 1);
            Assert.DoesNotContain('\0', name);
            var dataStart = Align(nameStart + nameSize);
            AssertZero(archive, nameStart + nameSize, dataStart);
            if (name == "TRAILER!!!")
            {
                Assert.Equal(0u, fields[6]);
                Assert.Equal(archive.Length, dataStart);
                return entries;
            }

            var data = archive.AsSpan(dataStart, fileSize).ToArray();
            var next = Align(dataStart + fileSize);
            AssertZero(archive, dataStart + fileSize, next);
            Assert.Equal(0u, fields[7]); // devmajor
            Assert.Equal(0u, fields[8]); // devminor
            Assert.Equal(0u, fields[9]); // rdevmajor
            Assert.Equal(0u, fields[10]); // rdevminor
            Assert.Equal(0u, fields[12]); // check
            entries.Add(new NewcEntry(name, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], data));
            offset = next;
        }
    }

    private static int Align(int offset) => (offset + 3) & ~3;

    private static void AssertZero(byte[] archive, int start, int end)
    {
        Assert.True(end <= archive.Length, "padding runs past the end of the archive");
        for (var i = start; i < end; i++)
        {
            Assert.Equal(0, archive[i]);
        }
    }
}
