using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Protocol;

/// <summary>Encodes and decodes the JSON payloads of control frames.</summary>
public static class MessageCodec
{
    public static JsonTypeInfo<HelloMessage> Hello => ProtocolJsonContext.Default.HelloMessage;

    public static JsonTypeInfo<ExecRequest> Exec => ProtocolJsonContext.Default.ExecRequest;

    public static JsonTypeInfo<ExecStarted> ExecStarted => ProtocolJsonContext.Default.ExecStarted;

    public static JsonTypeInfo<ExecExited> ExecExited => ProtocolJsonContext.Default.ExecExited;

    public static JsonTypeInfo<ErrorMessage> Error => ProtocolJsonContext.Default.ErrorMessage;

    public static JsonTypeInfo<MountRootRequest> MountRoot => ProtocolJsonContext.Default.MountRootRequest;

    public static JsonTypeInfo<StartFunctionRequest> StartFunction => ProtocolJsonContext.Default.StartFunctionRequest;

    public static JsonTypeInfo<FunctionReady> FunctionReady => ProtocolJsonContext.Default.FunctionReady;

    public static JsonTypeInfo<ResumeRequest> Resume => ProtocolJsonContext.Default.ResumeRequest;

    public static JsonTypeInfo<InvokeRequest> Invoke => ProtocolJsonContext.Default.InvokeRequest;

    public static JsonTypeInfo<InvokeResponseHead> ResponseHead => ProtocolJsonContext.Default.InvokeResponseHead;

    public static byte[] Encode<T>(T message, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);

    /// <exception cref="ProtocolException">The payload is not a valid <typeparamref name="T"/>.</exception>
    public static T Decode<T>(Frame frame, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(frame);
        try
        {
            return JsonSerializer.Deserialize(frame.Payload.Span, typeInfo)
                ?? throw new ProtocolException($"{frame.Type} frame on channel {frame.Channel} has an empty payload");
        }
        catch (JsonException e)
        {
            throw new ProtocolException($"{frame.Type} frame on channel {frame.Channel} has a malformed payload: {e.Message}", e);
        }
    }
}
