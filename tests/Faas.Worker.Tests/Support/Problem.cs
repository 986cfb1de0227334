using System.Net.Http.Json;
using System.Text.Json;

namespace Faas.Worker.Tests.Support;

/// <summary>A problem-details body as the worker writes it.</summary>
public sealed record Problem(string? Title, int? Status, string? Detail, string? Function, string? Instance, string? OutputTail)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<Problem>(Options, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("empty problem body");
    }
}
