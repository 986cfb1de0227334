namespace DotnetHello;

/// <summary>GET /env/{name}: the value of that environment variable, 404 when it is not set.</summary>
internal static class EnvironmentEndpoint
{
    public static IResult Handle(string name)
    {
        if (!IsVariableName(name))
        {
            return Results.Text("not an environment variable name\n", statusCode: StatusCodes.Status400BadRequest);
        }

        var value = Environment.GetEnvironmentVariable(name);
        return value is null
            ? Results.Text($"{name} is not set\n", statusCode: StatusCodes.Status404NotFound)
            : Results.Text(value);
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
