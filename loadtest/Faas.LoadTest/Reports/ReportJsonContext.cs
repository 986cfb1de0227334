using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.LoadTest.Reports;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(LoadTestReport))]
public sealed partial class ReportJsonContext : JsonSerializerContext;
