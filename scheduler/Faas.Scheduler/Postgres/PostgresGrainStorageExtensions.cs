using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Postgres;

/// <summary>Adds <see cref="PostgresGrainStorage"/> to a silo.</summary>
public static class PostgresGrainStorageExtensions
{
    /// <summary>Keeps grain state under <paramref name="name"/> in the database of <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.RemoveAllKeyed<IGrainStorage>(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name,
            (services, _) => new PostgresGrainStorage(name, connectionString, services.GetRequiredService<IActivatorProvider>()));
        return builder;
    }
}
