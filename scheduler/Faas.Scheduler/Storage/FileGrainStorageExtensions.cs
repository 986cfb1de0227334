using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Faas.Scheduler.Storage;

/// <summary>Adds <see cref="FileGrainStorage"/> to a silo.</summary>
public static class FileGrainStorageExtensions
{
    /// <summary>
    /// Keeps grain state under <paramref name="name"/> in files below <paramref name="rootDirectory"/>. A provider the host
    /// registers under the same name, before or after, takes precedence.
    /// </summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        return builder.AddFileGrainStorage(name, _ => rootDirectory);
    }

    /// <summary>As <see cref="AddFileGrainStorage(ISiloBuilder, string, string)"/>, with the directory resolved when the provider is first used.</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, string> rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rootDirectory);
        builder.Services.TryAddKeyedSingleton<IGrainStorage>(
            name,
            (services, _) => new FileGrainStorage(name, rootDirectory(services), services.GetRequiredService<IActivatorProvider>()));
        return builder;
    }
}
