namespace DotnetHello;

/// <summary>GET /status/{code}: answers with that status code (200–599) and a short body.</summary>
internal static class StatusEndpoint
{
    public static IResult Handle(string code)
    {
        if (!int.TryParse(code, out var status) || status is < 200 or > 599)
        {
            return Results.Text("status must be a number from 200 to 599\n", statusCode: StatusCodes.Status400BadRequest);
        }

        return status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified
            ? Results.StatusCode(status)
            : Results.Text($"status {status}\n", statusCode: status);
    }
}
