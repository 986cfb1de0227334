namespace Faas.Guest.Artifacts;

/// <summary>The faas source tree, from which the guest kernel and agent are built, could not be found.</summary>
public sealed class GuestSourceNotFoundException : Exception
{
    public GuestSourceNotFoundException()
    {
    }

    public GuestSourceNotFoundException(string message)
        : base(message)
    {
    }

    public GuestSourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
