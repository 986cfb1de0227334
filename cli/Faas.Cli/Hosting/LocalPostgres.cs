using CliWrap;
using Npgsql;

namespace Faas.Cli.Hosting;

/// <summary>
/// A PostgreSQL server from the host's packages on a loopback port, its data in a directory of its own (initdb on first use). As
/// root it runs as the <c>postgres</c> user, which PostgreSQL requires.
/// </summary>
public static class LocalPostgres
{
    public const string Database = "faas";
    public const string User = "faas";
    private const string ServiceUser = "postgres";

    /// <summary>Starts the server and creates the database; returns the process and its connection string.</summary>
    public static async Task<(ClusterProcess Process, string ConnectionString)> StartAsync(string dataDirectory, int port, CancellationToken cancellationToken)
    {
        var bin = BinDirectory();
        var asRoot = Environment.UserName == "root";
        Directory.CreateDirectory(dataDirectory);
        if (asRoot)
        {
            await RunAsync("chown", [ServiceUser, dataDirectory], cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await RunAsync(Wrap(asRoot, Path.Combine(bin, "initdb"), ["-D", dataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]), cancellationToken).ConfigureAwait(false);
        }

        var server = ParentBoundCommand.Wrap(
            asRoot ? "runuser" : Path.Combine(bin, "postgres"),
            Arguments(asRoot, Path.Combine(bin, "postgres"),
                ["-D", dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"]));
        var process = await ClusterProcess.StartAsync("postgres", server, line => line.Contains("database system is ready to accept connections", StringComparison.Ordinal), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        var connectionString = $"Host=127.0.0.1;Port={port};Username={User};Database={Database}";
        await EnsureDatabaseAsync($"Host=127.0.0.1;Port={port};Username={User};Database=postgres", cancellationToken).ConfigureAwait(false);
        return (process, connectionString);
    }

    private static async Task EnsureDatabaseAsync(string administration, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(administration);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string BinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var version = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(directory => File.Exists(Path.Combine(directory, "bin", "postgres"))).OrderByDescending(directory => directory, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return version is null
            ? throw new ClusterConfigurationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): run scripts/ensure-packages.sh or apt-get install postgresql")
            : Path.Combine(version, "bin");
    }

    private static Command Wrap(bool asRoot, string program, IReadOnlyList<string> arguments) =>
        CliWrap.Cli.Wrap(asRoot ? "runuser" : program).WithArguments(Arguments(asRoot, program, arguments));

    private static string[] Arguments(bool asRoot, string program, IReadOnlyList<string> arguments) =>
        asRoot ? ["-u", ServiceUser, "--", program, .. arguments] : [.. arguments];

    private static Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(CliWrap.Cli.Wrap(program).WithArguments(arguments), cancellationToken);

    private static async Task RunAsync(Command command, CancellationToken cancellationToken)
    {
        var output = new System.Text.StringBuilder();
        var result = await command
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ClusterStartException("postgres", $"{command.TargetFilePath} {command.Arguments} exited with {result.ExitCode}", output.ToString());
        }
    }
}
