using System.Text;
using Faas.Worker.Functions;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Transfer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Faas.Worker.Http;

/// <summary>
/// The worker's local control API under <c>/_faas</c> (no tenant or function can be named <c>_faas</c>): deploy and remove
/// functions, list and stop instances, read logs. JSON; errors are problem details.
/// </summary>
/// <example>
/// PUT    /_faas/functions/acme/hello                {"image":"127.0.0.1:5000/samples/busybox-http"}
/// GET    /_faas/functions                           every deployed function with its snapshot and instances
/// GET    /_faas/functions/acme/hello/logs?after=120 lines after sequence 120 (or ?since=2026-01-01T00:00:00Z; ?format=text)
/// POST   /_faas/functions/acme/hello/instances      {"start":"Boot"} starts an idle instance
/// DELETE /_faas/functions/acme/hello/instances      stops every instance of the function
/// GET    /_faas/instances                           every instance
/// DELETE /_faas/instances/i-0123456789ab            stops one instance
/// GET    /_faas/snapshots/KEY                       a complete snapshot's digest and files, for peer workers to fetch
/// GET    /_faas/snapshots/KEY/files/vm/memory       one file the snapshot's manifest lists
/// </example>
public static class ControlEndpoints
{
    public const string Prefix = "/_faas";

    public static RouteGroupBuilder MapControl(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var control = endpoints.MapGroup(Prefix);
        control.MapGet("/health", () => TypedResults.Ok());
        control.MapGet("/functions", (IInstanceManager manager) => TypedResults.Ok<IReadOnlyList<FunctionView>>([.. manager.ListFunctions().Select(FunctionView.Of)]));
        control.MapGet("/functions/{tenant}/{name}", GetFunction);
        control.MapPut("/functions/{tenant}/{name}", DeployAsync);
        control.MapDelete("/functions/{tenant}/{name}", RemoveAsync);
        control.MapGet("/functions/{tenant}/{name}/logs", GetLogs);
        control.MapGet("/functions/{tenant}/{name}/instances", (IInstanceManager manager, string tenant, string name) =>
            TypedResults.Ok(manager.ListInstances(new FunctionKey(tenant, name))));
        control.MapPost("/functions/{tenant}/{name}/instances", StartInstanceAsync);
        control.MapDelete("/functions/{tenant}/{name}/instances", StopInstancesAsync);
        control.MapGet("/instances", (IInstanceManager manager) => TypedResults.Ok(manager.ListInstances()));
        control.MapDelete("/instances/{id}", StopInstanceAsync);
        control.MapGet("/snapshots/{key}", GetSnapshotAsync);
        control.MapGet("/snapshots/{key}/files/{**path}", GetSnapshotFileAsync);
        return control;
    }

    private static Results<Ok<FunctionView>, ProblemHttpResult> GetFunction(IInstanceManager manager, string tenant, string name) =>
        manager.GetFunction(new FunctionKey(tenant, name)) is { } status ? TypedResults.Ok(FunctionView.Of(status)) : NotDeployed(tenant, name);

    private static async Task<Results<Ok<FunctionView>, ProblemHttpResult>> DeployAsync(
        IInstanceManager manager, string tenant, string name, DeployRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var status = await manager.DeployAsync(request.ToDefinition(tenant, name), credentials: null, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(FunctionView.Of(status));
        }
        catch (ArgumentException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid function", e.Message);
        }
        catch (ImageException e)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Image unusable", e.Message);
        }
        catch (FunctionStartException e)
        {
            return TypedResults.Problem(
                e.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Function did not start",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["function"] = e.Function.ToString(),
                    ["outputTail"] = e.OutputTail,
                    ["consoleTail"] = e.ConsoleTail,
                });
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(IInstanceManager manager, string tenant, string name, CancellationToken cancellationToken) =>
        await manager.RemoveAsync(new FunctionKey(tenant, name), cancellationToken).ConfigureAwait(false) ? TypedResults.NoContent() : NotDeployed(tenant, name);

    private static Results<Ok<IReadOnlyList<LogLine>>, ContentHttpResult, ProblemHttpResult> GetLogs(
        IInstanceManager manager, string tenant, string name, DateTimeOffset? since, long? after, string? format)
    {
        var key = new FunctionKey(tenant, name);
        if (manager.GetFunction(key) is null && manager.GetLogs(key).Count == 0)
        {
            return NotDeployed(tenant, name);
        }

        var lines = manager.GetLogs(key, since, after ?? 0);
        if (format != "text")
        {
            return TypedResults.Ok(lines);
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append(' ')
                .Append(line.InstanceId).Append(' ').Append(line.Stream.ToString().ToLowerInvariant()).Append(' ')
                .Append(line.Text).Append('\n');
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static async Task<Results<Ok<InstanceInfo>, ProblemHttpResult>> StartInstanceAsync(
        IInstanceManager manager, string tenant, string name, StartInstanceRequest? request, CancellationToken cancellationToken)
    {
        var key = new FunctionKey(tenant, name);
        if (manager.GetFunction(key) is not { } status)
        {
            return NotDeployed(tenant, name);
        }

        var kind = request?.Start ?? (status.Snapshot.State == Snapshots.SnapshotState.Ready ? StartKind.Restore : StartKind.Boot);
        try
        {
            return TypedResults.Ok(await manager.StartInstanceAsync(key, kind, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot start an instance", e.Message);
        }
        catch (FunctionStartException e)
        {
            return Problem(StatusCodes.Status502BadGateway, "Function did not start", e.Message);
        }
    }

    private static async Task<Results<Ok<StopResult>, ProblemHttpResult>> StopInstancesAsync(IInstanceManager manager, string tenant, string name, CancellationToken cancellationToken)
    {
        var key = new FunctionKey(tenant, name);
        return manager.GetFunction(key) is null
            ? NotDeployed(tenant, name)
            : TypedResults.Ok(new StopResult(await manager.StopInstancesAsync(key, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Results<Ok<StopResult>, ProblemHttpResult>> StopInstanceAsync(IInstanceManager manager, string id, CancellationToken cancellationToken) =>
        await manager.StopInstanceAsync(id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok(new StopResult(1))
            : Problem(StatusCodes.Status404NotFound, "Instance not found", $"there is no instance {id} on this worker");

    private static async Task<IResult> GetSnapshotAsync(IInstanceManager manager, string key, CancellationToken cancellationToken)
    {
        if (!SnapshotStore.IsWellFormedKey(key))
        {
            return MalformedKey();
        }

        return manager is ISnapshotCatalog catalog && await catalog.GetSnapshotManifestAsync(key, cancellationToken).ConfigureAwait(false) is { } manifest
            ? TypedResults.Json(manifest, SnapshotTransferJsonContext.Default.SnapshotManifest)
            : NoSnapshot(key);
    }

    private static async Task<IResult> GetSnapshotFileAsync(IInstanceManager manager, string key, string? path, CancellationToken cancellationToken)
    {
        if (!SnapshotStore.IsWellFormedKey(key))
        {
            return MalformedKey();
        }

        if (manager is not ISnapshotCatalog catalog || path is null
            || await catalog.GetSnapshotFilePathAsync(key, path, cancellationToken).ConfigureAwait(false) is not { } file)
        {
            return Problem(StatusCodes.Status404NotFound, "Snapshot file not found", $"snapshot {key} on this worker has no such file");
        }

        return TypedResults.PhysicalFile(file, "application/octet-stream", enableRangeProcessing: false);
    }

    private static ProblemHttpResult MalformedKey() =>
        Problem(StatusCodes.Status400BadRequest, "Invalid snapshot key", "a snapshot key is 64 lowercase hexadecimal digits");

    private static ProblemHttpResult NoSnapshot(string key) =>
        Problem(StatusCodes.Status404NotFound, "Snapshot not found", $"this worker has no complete snapshot {key}");

    private static ProblemHttpResult NotDeployed(string tenant, string name) =>
        Problem(StatusCodes.Status404NotFound, "Function not found", $"function {tenant}/{name} is not deployed on this worker");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
