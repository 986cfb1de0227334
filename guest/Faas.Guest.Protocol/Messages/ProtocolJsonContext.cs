using System.Text.Json.Serialization;

namespace Faas.Guest.Protocol.Messages;

/// <summary>Source-generated JSON for the control messages, so the NativeAOT agent needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HelloMessage))]
[JsonSerializable(typeof(ExecRequest))]
[JsonSerializable(typeof(ExecStarted))]
[JsonSerializable(typeof(ExecExited))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(MountRootRequest))]
[JsonSerializable(typeof(StartFunctionRequest))]
[JsonSerializable(typeof(FunctionReady))]
[JsonSerializable(typeof(ResumeRequest))]
[JsonSerializable(typeof(InvokeRequest))]
[JsonSerializable(typeof(InvokeResponseHead))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
