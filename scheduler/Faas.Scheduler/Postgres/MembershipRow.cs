using System.Net;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;

namespace Faas.Scheduler.Postgres;

/// <summary>Maps a <see cref="MembershipEntry"/> to the columns of <c>faas_membership</c> and back.</summary>
internal static class MembershipRow
{
    public const string Columns = "address, port, generation, status, silo_name, host_name, role_name, proxy_port, update_zone, fault_zone, start_time, i_am_alive_time, suspect_times, etag";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void AddKey(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.AddWithValue("address", silo.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("port", silo.Endpoint.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
    }

    public static void AddValues(NpgsqlCommand command, MembershipEntry entry)
    {
        AddKey(command, entry.SiloAddress);
        command.Parameters.AddWithValue("status", (int)entry.Status);
        command.Parameters.AddWithValue("silo_name", (object?)entry.SiloName ?? DBNull.Value);
        command.Parameters.AddWithValue("host_name", (object?)entry.HostName ?? DBNull.Value);
        command.Parameters.AddWithValue("role_name", (object?)entry.RoleName ?? DBNull.Value);
        command.Parameters.AddWithValue("proxy_port", entry.ProxyPort);
        command.Parameters.AddWithValue("update_zone", entry.UpdateZone);
        command.Parameters.AddWithValue("fault_zone", entry.FaultZone);
        command.Parameters.AddWithValue("start_time", Utc(entry.StartTime));
        command.Parameters.AddWithValue("i_am_alive_time", Utc(entry.IAmAliveTime));
        var suspects = (entry.SuspectTimes ?? []).Select(suspect => new SuspectTime(suspect.Item1.ToParsableString(), Utc(suspect.Item2))).ToList();
        command.Parameters.AddWithValue("suspect_times", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(suspects, Json));
    }

    /// <summary>Reads the row whose first column is at <paramref name="offset"/> in the order of <see cref="Columns"/>.</summary>
    public static Tuple<MembershipEntry, string> Read(NpgsqlDataReader reader, int offset)
    {
        var silo = SiloAddress.New(IPAddress.Parse(reader.GetString(offset)), reader.GetInt32(offset + 1), reader.GetInt32(offset + 2));
        var suspects = JsonSerializer.Deserialize<List<SuspectTime>>(reader.GetString(offset + 12), Json) ?? [];
        var entry = new MembershipEntry
        {
            SiloAddress = silo,
            Status = (SiloStatus)reader.GetInt32(offset + 3),
            SiloName = reader.IsDBNull(offset + 4) ? "" : reader.GetString(offset + 4),
            HostName = reader.IsDBNull(offset + 5) ? "" : reader.GetString(offset + 5),
            RoleName = reader.IsDBNull(offset + 6) ? null : reader.GetString(offset + 6),
            ProxyPort = reader.GetInt32(offset + 7),
            UpdateZone = reader.GetInt32(offset + 8),
            FaultZone = reader.GetInt32(offset + 9),
            StartTime = reader.GetDateTime(offset + 10),
            IAmAliveTime = reader.GetDateTime(offset + 11),
            SuspectTimes = [.. suspects.Select(suspect => Tuple.Create(SiloAddress.FromParsableString(suspect.Silo), suspect.At))],
        };
        return Tuple.Create(entry, reader.GetString(offset + 13));
    }

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
