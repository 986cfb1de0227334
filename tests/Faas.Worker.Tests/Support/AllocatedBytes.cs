using Faas.Worker.Images.Interop;

namespace Faas.Worker.Tests.Support;

/// <summary>The disk space a file takes (st_blocks), which is below its length when it has holes.</summary>
public static class AllocatedBytes
{
    public static long Of(string path)
    {
        Assert.Equal(0, LibC.lstat(path, out var status));
        return status.st_blocks * 512;
    }
}
