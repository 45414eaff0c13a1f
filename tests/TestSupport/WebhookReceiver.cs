using System.Net;
using System.Net.Sockets;

namespace Platform.TestSupport;

/// <summary>
/// A webhook receiver on a free loopback port (<see cref="HttpListener"/>): keeps every request it gets, in order, and
/// answers each with <see cref="StatusCode"/>. Shared by the pipeline and end-to-end tests.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Task _loop;

    private WebhookReceiver(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/hooks/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The status every request is answered with.</summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>
    /// What each answer waits for once its request is kept: a test holds the receiver (and so the delivery in flight) with a
    /// <see cref="TaskCompletionSource"/> of its own and releases it when it has seen what happens meanwhile.
    /// </summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static WebhookReceiver Start(int statusCode = 200)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port) { StatusCode = statusCode };
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests so far; what arrived when it does, or a timeout naming what did.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var requests = Requests;
            if (done(requests))
            {
                return requests;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook receiver got {requests.Count} requests within {timeout}, not what the test waits for.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            lock (_requests)
            {
                _requests.Add(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!, headers, body.ToArray()));
            }

            await Gate;

            context.Response.StatusCode = StatusCode;
            context.Response.Close();
        }
    }
}
