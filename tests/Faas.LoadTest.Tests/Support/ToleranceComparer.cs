namespace Faas.LoadTest.Tests.Support;

/// <summary>Doubles equal within a tolerance (arithmetic in JavaScript and C# may differ in the last bits).</summary>
public sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
