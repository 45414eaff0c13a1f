using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.EndToEnd;

/// <summary>Following a job as a client would: its id from the jobs container, its phase over <c>GET /api/jobs/{id}</c>.</summary>
public abstract partial class PlatformFixture
{
    /// <summary>The job the watcher started for <paramref name="model"/>, as a user finds it: <c>GET /api/jobs?model=</c>.</summary>
    public async Task<string> WaitForJobIdAsync(string model, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/jobs?model={model}", UriKind.Relative), cancellation.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            var jobs = body.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("id").GetString()!).ToList();
            if (jobs.Count > 0)
            {
                return Assert.Single(jobs);
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job reports <paramref name="phase"/>.</summary>
    public async Task WaitForPhaseAsync(string jobId, string phase, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), cancellation.Token);
            if (response.IsSuccessStatusCode)
            {
                var view = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
                Assert.False(view.GetProperty("terminal").GetBoolean(), $"Job {jobId} ended before reaching {phase}: {view}");
                // A job is listed from its first moment; until the orchestrator sets its first status it has no phase.
                if (view.TryGetProperty("phase", out var current) && current.GetString() == phase)
                {
                    return;
                }
            }

            await Task.Delay(250, cancellation.Token);
        }
    }

    /// <summary>The phase the orchestration itself last set (its custom status), not the merged one the API reports.</summary>
    public async Task<string?> OrchestrationPhaseAsync(string jobId)
    {
        var instance = await _app!.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(jobId, getInputsAndOutputs: true);
        var status = instance?.ReadCustomStatusAs<JsonElement>();
        return status?.EnumerateObject().Where(p => p.Name.Equals("phase", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value.GetString()).FirstOrDefault();
    }

    /// <summary><c>GET /api/jobs/{id}</c>, which must answer 200.</summary>
    public async Task<JsonElement> GetJobAsync(string jobId)
    {
        using var response = await Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/jobs/{jobId} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job is terminal and returns its last view.</summary>
    public async Task<JsonElement> WaitForTerminalAsync(string jobId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        JsonElement last = default;
        try
        {
            while (true)
            {
                using var response = await Http.GetAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), cancellation.Token);
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation.Token);
                    if (last.GetProperty("terminal").GetBoolean())
                    {
                        return last;
                    }
                }

                await Task.Delay(500, cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Job {jobId} was not terminal after {timeout}; last view: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.ToString())}");
        }
    }
}
