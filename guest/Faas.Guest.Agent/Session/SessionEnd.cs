namespace Faas.Guest.Agent.Session;

/// <summary>Why a session stopped serving, with a message for the log.</summary>
internal sealed record SessionEnd(SessionEndReason Reason, string Detail);
