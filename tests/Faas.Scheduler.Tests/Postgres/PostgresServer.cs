using System.Globalization;
using System.Text;
using CliWrap;
using Faas.Common.Net;
using Npgsql;

namespace Faas.Scheduler.Tests.Postgres;

/// <summary>
/// A PostgreSQL server from the host's packages on a free loopback port, its data in a temporary directory; as root it runs as the
/// <c>postgres</c> user, which PostgreSQL requires. Each test gets a database of its own from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "faas";
    private const string ServiceUser = "postgres";
    private readonly bool _asRoot = Environment.UserName == "root";
    private string _bin = "";
    private string _directory = "";
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Where(directory => File.Exists(Path.Combine(directory, "bin", "postgres")))
            .OrderByDescending(directory => directory, StringComparer.Ordinal)
            .Select(directory => Path.Combine(directory, "bin"))
            .First();
        _directory = Directory.CreateTempSubdirectory("faas-postgres-tests-").FullName;
        _port = FreePort.Pick();
        if (_asRoot)
        {
            await RunAsync("chown", [ServiceUser, _directory]);
        }

        await RunAsPostgresAsync("initdb", ["-D", _directory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);
        var options = $"-p {_port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
        await RunAsPostgresAsync("pg_ctl", ["start", "-w", "-D", _directory, "-l", Path.Combine(_directory, "server.log"), "-o", options]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory.Length == 0)
        {
            return;
        }

        await RunAsPostgresAsync("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", _directory]);
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var database = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(database);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database}";

    private Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments) =>
        _asRoot
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var output = new StringBuilder();
        var result = await Cli.Wrap(program).WithArguments(arguments)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {output}");
        }
    }
}
