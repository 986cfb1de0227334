namespace Faas.Worker.Tests.Support;

public enum Compression
{
    None,
    Gzip,
    Zstd,
}
