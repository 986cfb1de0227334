using Faas.Scheduler.Hosting;

namespace Faas.Scheduler.Tenants;

/// <summary>One tenant's function names, kept sorted.</summary>
[GrainType("faas.tenant")]
internal sealed class TenantGrain(
    [PersistentState("tenant", SchedulerOptions.StorageName)] IPersistentState<TenantState> state)
    : Grain, ITenantGrain
{
    public Task<IReadOnlyList<string>> ListFunctionsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Functions]);

    public async Task AddFunctionAsync(string name)
    {
        var functions = state.State.Functions;
        var at = functions.BinarySearch(name, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        functions.Insert(~at, name);
        await state.WriteStateAsync();
    }

    public async Task RemoveFunctionAsync(string name)
    {
        if (state.State.Functions.Remove(name))
        {
            await state.WriteStateAsync();
        }
    }
}
