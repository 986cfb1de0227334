namespace Faas.Cli.Client.Stack;

/// <summary>A stack file that cannot be used; the message names the file, the line, the function and the key.</summary>
public sealed class StackFileException : Exception
{
    public StackFileException()
    {
    }

    public StackFileException(string message)
        : base(message)
    {
    }

    public StackFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StackFileException(string file, long? line, string problem, string? function = null, string? key = null, Exception? innerException = null)
        : base(Format(file, line, problem, function, key), innerException)
    {
        File = file;
        Line = line;
        Function = function;
        Key = key;
    }

    public string? File { get; }

    public long? Line { get; }

    public string? Function { get; }

    public string? Key { get; }

    private static string Format(string file, long? line, string problem, string? function, string? key)
    {
        var where = line is { } l ? $"{file}:{l}" : file;
        var what = (function, key) switch
        {
            (not null, not null) => $"function '{function}', key '{key}': ",
            (not null, null) => $"function '{function}': ",
            (null, not null) => $"key '{key}': ",
            _ => "",
        };
        return $"{where}: {what}{problem}";
    }
}
