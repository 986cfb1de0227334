using System.CommandLine;
using Faas.Cli.Commands;

var root = new RootCommand("faas: serverless functions in micro-VMs.")
{
    // The platform.
    UpCommand.Create(),

    // Functions, through the gateway.
    DeployCommand.Create(),
    InvokeCommand.Create(),
    ListCommand.Create(),
    DescribeCommand.Create(),
    LogsCommand.Create(),
    RemoveCommand.Create(),
    TenantCommand.Create(),
    KeyCommand.Create(),

    // This host and its micro-VMs.
    DoctorCommand.Create(),
    VmCommand.Create(),
    BenchCommand.Create(),
    LoadtestCommand.Create(),
    GuestCommand.Create(),
    WorkerCommand.Create(),

    // Cluster hosts.
    SchedulerCommand.Create(),
    GatewayCommand.Create(),
};

// No response files: "@file" and "@-" are values here (faas invoke --data @body.json), never more arguments.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
