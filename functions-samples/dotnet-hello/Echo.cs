namespace DotnetHello;

/// <summary>POST /echo: streams the request body back with the request's Content-Type.</summary>
internal static class Echo
{
    public static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.ContentType = request.ContentType ?? "application/octet-stream";
        response.ContentLength = request.ContentLength;
        await request.Body.CopyToAsync(response.Body, context.RequestAborted);
    }
}
