using System.CommandLine;
using Faas.Cli.Commands;

var root = new RootCommand("faas: serverless functions in micro-VMs.")
{
    DoctorCommand.Create(),
    VmCommand.Create(),
    BenchCommand.Create(),
    GuestCommand.Create(),
    WorkerCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
