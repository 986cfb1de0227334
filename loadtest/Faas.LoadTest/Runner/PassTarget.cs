namespace Faas.LoadTest.Runner;

/// <summary>Where a pass sends its calls.</summary>
public enum PassTarget
{
    /// <summary><c>{gateway}/function/{name}{path}</c> with the tenant's key.</summary>
    Gateway,

    /// <summary><c>{worker}/{tenant}/{name}--{version}{path}</c>, no key; the worker picks the instance itself.</summary>
    Worker,
}
