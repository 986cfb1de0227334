using System.Globalization;
using System.Text;

namespace Faas.Guest.Artifacts.Cpio;

/// <summary>A newc header followed by its NUL-terminated name, padded to the format's alignment. Every time stamp and device number is zero.</summary>
internal readonly record struct CpioHeader(uint Inode, uint Mode, uint UserId, uint GroupId, uint LinkCount, uint FileSize, string Name)
{
    public static CpioHeader Trailer => new(0, 0, 0, 0, 1, 0, CpioFormat.TrailerName);

    public byte[] Encode()
    {
        var nameSize = Encoding.UTF8.GetByteCount(Name) + 1;
        var unpadded = CpioFormat.HeaderSize + nameSize;
        var bytes = new byte[unpadded + CpioFormat.PaddingFor(unpadded)];
        var span = bytes.AsSpan();

        Encoding.ASCII.GetBytes(CpioFormat.Magic, span);
        uint[] fields =
        [
            Inode,
            Mode,
            UserId,
            GroupId,
            LinkCount,
            0, // c_mtime
            FileSize,
            0, // c_devmajor
            0, // c_devminor
            0, // c_rdevmajor
            0, // c_rdevminor
            (uint)nameSize,
            0, // c_check
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = span.Slice(CpioFormat.Magic.Length + (i * CpioFormat.FieldSize), CpioFormat.FieldSize);
            fields[i].TryFormat(field, out _, "X8", CultureInfo.InvariantCulture);
        }

        Encoding.UTF8.GetBytes(Name, span[CpioFormat.HeaderSize..]);
        return bytes;
    }
}
