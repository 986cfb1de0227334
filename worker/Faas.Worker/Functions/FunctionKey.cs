namespace Faas.Worker.Functions;

/// <summary>Identifies a function: its tenant and its name within that tenant.</summary>
public readonly record struct FunctionKey(string Tenant, string Name)
{
    public override string ToString() => $"{Tenant}/{Name}";
}
