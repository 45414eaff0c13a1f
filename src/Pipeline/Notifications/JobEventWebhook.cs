using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Platform.Pipeline.Notifications;

/// <summary>
/// Posts job events to webhooks: structured-mode CloudEvents JSON, signed with <see cref="WebhookSignature"/> when a secret
/// is configured, within <see cref="NotificationOptions.RequestTimeout"/>. A non-2xx answer or no answer throws, so the
/// activity's retry policy retries it. One client for all deliveries; redirects are not followed (the signed body stays where it was sent).
/// </summary>
public sealed class JobEventWebhook : IDisposable
{
    private readonly HttpClient _http;
    private readonly NotificationOptions _options;

    public JobEventWebhook(IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Platform-Notifications", "1.0"));
    }

    /// <summary>Whether requests carry a signature.</summary>
    public bool Signs => !string.IsNullOrEmpty(_options.WebhookSecret);

    /// <summary>Posts <paramref name="body"/>; the receiver's 2xx status, else <see cref="WebhookDeliveryException"/>.</summary>
    public async Task<int> PostAsync(Uri webhook, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JobEvents.ContentType) { CharSet = "utf-8" };
        if (Signs)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Compute(_options.WebhookSecret!, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookDeliveryException($"The webhook did not answer within {_options.RequestTimeout:c}.", null, e);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookDeliveryException($"The webhook could not be reached: {e.Message}", null, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? status
                : throw new WebhookDeliveryException($"The webhook answered {status} {response.ReasonPhrase}; a 2xx status acknowledges an event.", status);
        }
    }

    public void Dispose() => _http.Dispose();
}
