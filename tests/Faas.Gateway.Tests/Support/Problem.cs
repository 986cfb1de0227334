using System.Net.Http.Json;
using System.Text.Json;

namespace Faas.Gateway.Tests.Support;

/// <summary>A problem-details body as the gateway writes it.</summary>
public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, string? Function, string? Instance, string? OutputTail, IReadOnlyList<string>? Errors)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>(Options, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("empty problem body");
        Assert.Equal((int)response.StatusCode, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Type));
        return problem;
    }
}
