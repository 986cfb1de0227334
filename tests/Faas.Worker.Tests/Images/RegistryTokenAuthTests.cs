using Faas.Worker.Images;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images;

/// <summary>A registry that delegates to a token service, as Docker Hub, GHCR or ACR do.</summary>
public sealed class RegistryTokenAuthTests : IClassFixture<RegistryTokenAuthTests.TokenRegistryFixture>
{
    private const string User = "ci";
    private const string Password = "token-registry-pass";
    private const string IdentityToken = "identity-token-7f3c";
    private readonly TokenRegistryFixture fixture;

    public RegistryTokenAuthTests(TokenRegistryFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Pulls_with_basic_credentials_exchanged_for_a_bearer_token()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var prepared = await store.PrepareAsync(reference, new RegistryCredentials(User, Password, null));

        Assert.Equal("token-protected", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/image-name"));
    }

    [Fact]
    public async Task Pulls_with_an_identity_token()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();
        var grantsBefore = fixture.Tokens.IdentityTokenGrants;

        var prepared = await store.PrepareAsync(reference, new RegistryCredentials(null, null, IdentityToken));

        Assert.Equal("token-protected", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/image-name"));
        Assert.True(fixture.Tokens.IdentityTokenGrants > grantsBefore);
    }

    [Fact]
    public async Task Refuses_a_wrong_identity_token()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference, new RegistryCredentials(null, null, "not-the-token")));

        Assert.Equal(ImageErrorKind.Unauthorized, exception.Kind);
        Assert.DoesNotContain("not-the-token", exception.Message, StringComparison.Ordinal);
    }

    public sealed class TokenRegistryFixture : IAsyncLifetime
    {
        private readonly SemaphoreSlim pushed = new(1, 1);
        private RegistryServer? server;
        private string? reference;

        public TokenServer Tokens { get; } = new(User, Password, IdentityToken);

        public async Task<string> PushOnceAsync()
        {
            await pushed.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                reference ??= (await TestImages.PushAsync(server!, "private/token", TestImages.Small("token-protected"))).Reference;
                return reference;
            }
            finally
            {
                pushed.Release();
            }
        }

        public async ValueTask InitializeAsync()
        {
            server = await RegistryServer.StartAsync(User, Password, Tokens);
        }

        public async ValueTask DisposeAsync()
        {
            pushed.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await Tokens.DisposeAsync();
        }
    }
}
