using Faas.Vmm;
using Faas.Vmm.Agent;
using Faas.Worker.Logs;

namespace Faas.Worker.Instances;

/// <summary>A VM whose function accepts connections.</summary>
/// <param name="Vm">The VM.</param>
/// <param name="FunctionExited">Completes when the function's process ends.</param>
/// <param name="Output">Where the function's output goes.</param>
internal sealed record StartedVm(IMicroVm Vm, Task<ExecResult> FunctionExited, InstanceOutput Output);
