using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Tests.Support;

/// <summary>Function specs for tests: a small VM by default.</summary>
internal static class Specs
{
    public static FunctionSpec Of(string image = "127.0.0.1:5000/samples/hello:1", int memoryMiB = 128) => new() { Image = image, MemoryMiB = memoryMiB };
}
