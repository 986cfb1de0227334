namespace Faas.Scheduler.Functions;

/// <summary>What a deploy did, or why it did not.</summary>
public enum DeployStatus
{
    /// <summary>A new function, version 1, is ready (image prepared, snapshot taken).</summary>
    Created,

    /// <summary>A new version is ready and takes all new calls; the previous one drains.</summary>
    Updated,

    /// <summary>The same spec was already deployed: nothing changed.</summary>
    Unchanged,

    /// <summary>Create of a function that exists with another spec (409).</summary>
    Conflict,

    /// <summary>Update of a function that does not exist (404).</summary>
    NotFound,

    /// <summary>The image could not be pulled or used (400, with the reason).</summary>
    ImageFailed,

    /// <summary>The function did not boot or never became ready (422, with its last output).</summary>
    StartFailed,

    /// <summary>No worker can take the function (503).</summary>
    NoWorker,
}
