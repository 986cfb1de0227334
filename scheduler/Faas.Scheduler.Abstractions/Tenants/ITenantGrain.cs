namespace Faas.Scheduler.Tenants;

/// <summary>One tenant, keyed by its name: the names of its functions.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> ListFunctionsAsync();

    Task AddFunctionAsync(string name);

    Task RemoveFunctionAsync(string name);
}
