using Faas.Scheduler.Functions;
using Faas.Worker.Images;
using Faas.Worker.Instances;

namespace Faas.Scheduler.Workers;

/// <summary>Turns the instance manager's deploy steps into the scheduler's progress phases.</summary>
internal static class DeployProgressMapper
{
    public static DeployProgress From(DeployStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Stage switch
        {
            DeployStage.PreparingImage when step.Image is { } image => FromImage(image),
            DeployStage.PreparingImage => new DeployProgress(DeployPhase.Resolving, step.Detail),
            DeployStage.Booting => new DeployProgress(DeployPhase.Booting, step.Detail),
            DeployStage.Snapshotting => new DeployProgress(DeployPhase.Snapshotting, step.Detail),
            _ => new DeployProgress(DeployPhase.Ready, step.Detail),
        };
    }

    private static DeployProgress FromImage(ImageProgress image) => image.Phase switch
    {
        ImagePhase.Resolving => new DeployProgress(DeployPhase.Resolving, image.Detail),
        ImagePhase.Pulling => new DeployProgress(DeployPhase.Pulling, image.Detail, image.LayerIndex, image.LayerCount),
        ImagePhase.Verifying => new DeployProgress(DeployPhase.Verifying, image.Detail),
        ImagePhase.Unpacking => new DeployProgress(DeployPhase.Unpacking, image.Detail, image.LayerIndex, image.LayerCount),
        _ => new DeployProgress(DeployPhase.BuildingRootfs, image.Detail),
    };
}
