using Faas.Scheduler.Functions;
using Faas.Scheduler.Tenants;
using Microsoft.Extensions.Logging;

namespace Faas.Scheduler.Hosting;

/// <summary>
/// On a scheduler silo, once it is active: activates every function of every tenant, so functions with minInstances start theirs
/// and functions whose instances outlived a scheduler restart adopt and reap them without waiting for a call.
/// </summary>
internal sealed partial class FunctionActivator(IGrainFactory grains, ILogger<FunctionActivator> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private const int Attempts = 5;

    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FunctionActivator), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await ActivateAllAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A silo that has just started may not know the whole cluster yet: try again shortly.
                LogActivationFailed(logger, attempt, e.Message);
            }

            try
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ActivateAllAsync(CancellationToken cancellationToken)
    {
        var tenants = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync().ConfigureAwait(false);
        foreach (var tenant in tenants)
        {
            var names = await grains.GetGrain<ITenantGrain>(tenant.Tenant).ListFunctionsAsync().ConfigureAwait(false);
            foreach (var name in names)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant.Tenant, name)).DescribeAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "activating the functions after start-up failed (attempt {Attempt}): {Reason}")]
    private static partial void LogActivationFailed(ILogger logger, int attempt, string reason);
}
