namespace Faas.Gateway.Hosting;

/// <summary>How the gateway queues, runs, retries and keeps asynchronous invocations.</summary>
public sealed class AsyncOptions
{
    /// <summary>Whether this gateway runs calls from the stream (every gateway does by default; enqueueing works either way).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>The largest request body an asynchronous call may carry (413 beyond).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most bytes of a function's response kept in the result; the rest is dropped and the result marked truncated.</summary>
    public int MaxResponseBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a call's state and result are kept.</summary>
    public TimeSpan ResultTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Runs of a call, counting the first, before it goes to the dead-letter stream.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second run; doubled before each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a taken call may go without its consumer's heartbeat before another gateway claims it.</summary>
    public TimeSpan ClaimIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls one gateway runs at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a consumer waits before reading the stream again when it found nothing.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliveries of a result to an <c>X-Callback-Url</c>, counting the first.</summary>
    public int CallbackAttempts { get; set; } = 3;

    /// <summary>How long one callback delivery may take.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
