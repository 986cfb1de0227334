using Faas.Worker.Functions;

namespace Faas.Worker.Tests.Functions;

public sealed class FunctionDefinitionValidatorTests
{
    private static readonly FunctionDefinition Valid = new() { Tenant = "acme", Name = "hello-world", Image = "127.0.0.1:5000/hello" };

    [Fact]
    public void A_complete_definition_is_valid()
    {
        Assert.Null(FunctionDefinitionValidator.Validate(Valid));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("_faas")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Tenants_and_names_are_dns_labels(string name)
    {
        Assert.Contains("not a valid name", FunctionDefinitionValidator.Validate(Valid with { Tenant = name }), StringComparison.Ordinal);
        Assert.Contains("not a valid name", FunctionDefinitionValidator.Validate(Valid with { Name = name }), StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_limits_and_timeouts_must_make_sense()
    {
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { MemoryMiB = 16 }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { VcpuCount = 0 }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { Timeout = TimeSpan.Zero }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { MaxConcurrency = 0 }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { MaxInstances = 0 }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { MaxRequestBytes = -1 }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { Overrides = new FunctionOverrides(Port: 70000) }));
        Assert.NotNull(FunctionDefinitionValidator.Validate(Valid with { Image = " " }));
    }
}
