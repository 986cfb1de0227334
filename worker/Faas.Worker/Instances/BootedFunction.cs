using Faas.Guest.Protocol.Messages;

namespace Faas.Worker.Instances;

/// <summary>A freshly booted VM whose function is ready.</summary>
/// <param name="Started">The VM and its function.</param>
/// <param name="FunctionChannel">The agent channel the function was started on; its output keeps arriving there, also in restored clones.</param>
/// <param name="Ready">What the agent reported when the function's port opened.</param>
internal sealed record BootedFunction(StartedVm Started, uint FunctionChannel, FunctionReady Ready);
