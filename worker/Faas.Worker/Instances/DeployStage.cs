namespace Faas.Worker.Instances;

/// <summary>The steps of <see cref="IInstanceManager.DeployAsync"/>, in order.</summary>
public enum DeployStage
{
    /// <summary>Pulling, unpacking and converting the image (see <see cref="DeployStep.Image"/>).</summary>
    PreparingImage,

    /// <summary>Booting a VM and starting the function until its port accepts connections.</summary>
    Booting,

    /// <summary>Taking the snapshot of the ready VM.</summary>
    Snapshotting,

    /// <summary>The function is deployed.</summary>
    Ready,
}
