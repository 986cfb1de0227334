using System.Diagnostics.CodeAnalysis;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Management;

/// <summary>A deploy request read and checked: the function's name and spec, or every reason it was refused.</summary>
public sealed record ParsedDeploy(string? Name, FunctionSpec? Spec, IReadOnlyList<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Name), nameof(Spec))]
    public bool IsValid => Name is not null && Spec is not null && Errors.Count == 0;

    public static ParsedDeploy Parse(ReadOnlySpan<byte> json)
    {
        var (request, errors) = DeployRequestReader.Read(json);
        if (request is null)
        {
            return new ParsedDeploy(null, null, errors);
        }

        var (name, spec, problems) = DeployValidator.Validate(request);
        return new ParsedDeploy(name, spec, problems);
    }
}
