using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Messaging.EventGrid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.TestSupport;

namespace Platform.Pipeline.Tests.Notifications;

/// <summary>
/// Stands in for an Event Grid topic: Kestrel on a loopback port over HTTPS with a self-signed certificate (the SDK sends
/// bearer tokens over TLS only), keeping every request to <c>/api/events</c> and answering <see cref="StatusCode"/>.
/// <see cref="Client"/> is the real <see cref="EventGridPublisherClient"/> pointed at it, trusting that certificate.
/// </summary>
internal sealed class EventGridTopicStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-token";
    private readonly List<ReceivedRequest> _requests = [];
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private EventGridTopicStandIn(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri Endpoint { get; private set; } = null!;

    public int StatusCode { get; set; } = 200;

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

    public static async Task<EventGridTopicStandIn> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var standIn = new EventGridTopicStandIn(app, certificate);
        app.MapPost("/api/events", standIn.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.Endpoint = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/api/events");
        return standIn;
    }

    /// <summary>The SDK's client as the platform builds it (one try, bounded), over a transport that trusts this stand-in's certificate.</summary>
    public EventGridPublisherClient Client()
    {
        var options = new EventGridPublisherClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
            }),
        };
        options.Retry.MaxRetries = 0;
        return new EventGridPublisherClient(Endpoint, new StandInCredential(), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_requests)
        {
            _requests.Add(new ReceivedRequest(request.Method, new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}"), headers, body.ToArray()));
        }

        return Results.StatusCode(StatusCode);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PFX, so the private key is one Kestrel can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>Stands in for Entra ID only: the topic checks that a bearer token came, not who issued it.</summary>
    private sealed class StandInCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
