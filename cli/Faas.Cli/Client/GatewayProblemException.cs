namespace Faas.Cli.Client;

/// <summary>The gateway answered with an error; <see cref="Problem"/> carries its status, title, detail and the function's output tail.</summary>
public sealed class GatewayProblemException : GatewayException
{
    public GatewayProblemException()
        : this(new GatewayProblem(0, "unknown problem"))
    {
    }

    public GatewayProblemException(string message)
        : this(new GatewayProblem(0, message))
    {
    }

    public GatewayProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new GatewayProblem(0, message);
    }

    public GatewayProblemException(GatewayProblem problem, Uri? gateway = null)
        : base(gateway ?? new Uri(ClientSettings.DefaultGateway), (problem ?? throw new ArgumentNullException(nameof(problem))).ToString())
    {
        Problem = problem;
    }

    public GatewayProblem Problem { get; }

    public int Status => Problem.Status;
}
