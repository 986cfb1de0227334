using Faas.Worker.Images;

namespace Faas.Worker.Instances;

/// <summary>One step of a deploy, for drawing progress.</summary>
/// <param name="Stage">Where the deploy is.</param>
/// <param name="Detail">A human-readable line, or null.</param>
/// <param name="Image">While preparing the image: the image step (pull, unpack layer i of n, build rootfs).</param>
public sealed record DeployStep(DeployStage Stage, string? Detail = null, ImageProgress? Image = null);
