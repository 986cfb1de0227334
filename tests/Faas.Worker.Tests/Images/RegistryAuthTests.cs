using Faas.Worker.Images;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images;

public sealed class RegistryAuthTests : IClassFixture<RegistryAuthTests.AuthRegistryFixture>
{
    private const string User = "deployer";
    private const string Password = "s3cret-Pa55";
    private readonly AuthRegistryFixture fixture;

    public RegistryAuthTests(AuthRegistryFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Pulls_with_the_right_credentials_without_leaving_them_on_disk()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var prepared = await store.PrepareAsync(reference, new RegistryCredentials(User, Password, null));

        Assert.Equal("private", await ImageStoreRegistryTests.ReadFromImageAsync(prepared, "etc/image-name"));
        Assert.DoesNotContain(store.CacheFiles(), path => path.Contains("auth", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, string.Join('\n', Directory.EnumerateFiles(store.ImagesDirectory, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_wrong_credentials()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference, new RegistryCredentials(User, "wrong", null)));

        Assert.Equal(ImageErrorKind.Unauthorized, exception.Kind);
        Assert.StartsWith($"access to image {reference} was refused: check the registry credentials (skopeo: ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.ImagesDirectory, "tmp")));
    }

    [Fact]
    public async Task Refuses_anonymous_pulls()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var exception = await Assert.ThrowsAsync<ImageException>(() => store.PrepareAsync(reference));

        Assert.Equal(ImageErrorKind.Unauthorized, exception.Kind);
    }

    [Fact]
    public async Task Callers_with_different_credentials_do_not_share_a_pull()
    {
        var reference = await fixture.PushOnceAsync();
        using var store = new TestStore();

        var right = store.PrepareAsync(reference, new RegistryCredentials(User, Password, null));
        var wrong = store.PrepareAsync(reference, new RegistryCredentials(User, "wrong", null));

        await right;
        var exception = await Assert.ThrowsAsync<ImageException>(() => wrong);
        Assert.Equal(ImageErrorKind.Unauthorized, exception.Kind);
    }

    public sealed class AuthRegistryFixture : IAsyncLifetime
    {
        private readonly SemaphoreSlim pushed = new(1, 1);
        private RegistryServer? server;
        private string? reference;

        public async Task<string> PushOnceAsync()
        {
            await pushed.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                reference ??= (await TestImages.PushAsync(server!, "private/app", TestImages.Small("private"))).Reference;
                return reference;
            }
            finally
            {
                pushed.Release();
            }
        }

        public async ValueTask InitializeAsync()
        {
            server = await RegistryServer.StartAsync(User, Password);
        }

        public async ValueTask DisposeAsync()
        {
            pushed.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
