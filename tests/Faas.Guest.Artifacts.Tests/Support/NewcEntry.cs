namespace Faas.Guest.Artifacts.Tests.Support;

public sealed record NewcEntry(string Name, uint Inode, uint Mode, uint UserId, uint GroupId, uint LinkCount, uint ModificationTime, byte[] Data)
{
    public uint Type => Mode & 0xF000;

    public uint Permissions => Mode & 0xFFF;

    public bool IsDirectory => Type == 0x4000;

    public bool IsRegularFile => Type == 0x8000;

    public bool IsSymbolicLink => Type == 0xA000;

    public string LinkTarget => System.Text.Encoding.UTF8.GetString(Data);
}
