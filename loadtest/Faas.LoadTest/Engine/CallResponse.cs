namespace Faas.LoadTest.Engine;

/// <summary>How one call ended: its status (0 without one), the X-Faas-Start it carried, or why it failed.</summary>
public readonly record struct CallResponse(int Status, string? Start, CallFailure Failure)
{
    public static CallResponse Failed(CallFailure failure) => new(0, null, failure);
}
