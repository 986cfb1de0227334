using DotnetHello;

const string Sample = "dotnet-hello";
var port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var parsed) ? parsed : 8080;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.ListenAnyIP(port);
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = 1L << 30;
});
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));

var app = builder.Build();
app.Use(async (context, next) =>
{
    await next(context);
    Console.WriteLine($"{Sample} {context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode}");
});

var init = new InitInfo(0, Environment.ProcessId);
app.MapGet("/", () => Results.Text($"hello from {Sample}\n"));
app.MapGet("/init", () => TypedResults.Json(init, SampleJsonContext.Default.InitInfo));
app.MapGet("/random", () => Results.Text(Convert.ToHexStringLower(OsRandom.GetBytes(32))));
app.MapPost("/echo", Echo.HandleAsync);
app.MapGet("/status/{code}", StatusEndpoint.Handle);
app.MapGet("/env/{name}", EnvironmentEndpoint.Handle);
app.MapFallback(() => Results.Text("not found\n", statusCode: StatusCodes.Status404NotFound));

init = init with { InitAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
await app.StartAsync();
Console.WriteLine($"{Sample} listening on :{port}");
await app.WaitForShutdownAsync();
