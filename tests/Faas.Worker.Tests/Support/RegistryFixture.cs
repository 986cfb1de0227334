namespace Faas.Worker.Tests.Support;

/// <summary>One open registry for the whole test run; each test pushes its own repository.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private RegistryServer? server;

    public RegistryServer Server => server ?? throw new InvalidOperationException("The registry is not started.");

    public async ValueTask InitializeAsync()
    {
        server = await RegistryServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
