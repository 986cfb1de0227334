namespace Faas.LoadTest.Runner;

/// <summary>The engine a run uses: its name for the report, a sentence on how it measures, and k6's path when it is k6.</summary>
public sealed record SelectedEngine(string Name, string Detail, string? K6Path)
{
    public const string BuiltinName = "builtin";
    public const string K6Name = "k6";
}
