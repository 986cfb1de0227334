namespace Faas.Scheduler.Functions;

/// <summary>How a deploy treats an existing function (OpenFaaS: POST creates, PUT updates).</summary>
public enum DeployMode
{
    /// <summary>Fails with <see cref="DeployStatus.Conflict"/> when the function exists with another spec.</summary>
    Create,

    /// <summary>Fails with <see cref="DeployStatus.NotFound"/> when the function does not exist.</summary>
    Update,

    /// <summary>Creates or updates.</summary>
    Upsert,
}
