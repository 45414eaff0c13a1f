using System.Globalization;
using Microsoft.DurableTask.Client;
using Platform.Pipeline.Orchestration;
using Platform.Shared.Jobs;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>
/// <c>GET /api/jobs[?model=&amp;top=]</c>: the newest jobs (training and scoring), of one model or all, with their kind,
/// phase and progress. An upload through the storage account answers nothing, so this is where its job id is found.
/// </summary>
public sealed class JobListHandler(JobStatusReader statusReader)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    /// <summary>At most this many orchestrations are looked at for one answer; past it the list says it is truncated.</summary>
    public const int MaxScanned = 2000;

    public async Task<HandlerResult> ListAsync(DurableTaskClient client, string? model, string? top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = new ValidationErrors();
        if (model is not null && ModelNames.Problem(model) is { } modelProblem)
        {
            errors.Add("model", modelProblem);
        }

        var count = DefaultTop;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTop))
        {
            errors.Add("top", $"top must be a whole number from 1 to {MaxTop} (got '{top}').");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = model is null ? null : model + "-", FetchInputsAndOutputs = true, PageSize = 100 };
        var found = new List<OrchestrationMetadata>();
        var scanned = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (++scanned > MaxScanned)
            {
                break;
            }

            // A prefix also matches longer model names ("reviews-" finds "reviews-fr-…"): keep exact models only.
            if (JobKinds.Of(instance.Name) is not null
                && JobIdFormat.Problem(instance.InstanceId) is null
                && (model is null || ModelOf(instance.InstanceId) == model))
            {
                found.Add(instance);
            }
        }

        var jobs = new List<JobSummary>();
        foreach (var instance in found.OrderByDescending(JobStatusReader.StartedAt).Take(count))
        {
            jobs.Add(JobSummary.From(await statusReader.ReadAsync(instance, cancellationToken).ConfigureAwait(false)));
        }

        return HandlerResult.Json(200, new JobList(model, jobs, Truncated: scanned > MaxScanned || found.Count > count));
    }

    /// <summary>The model part of <c>{model}-{12 hex digits}</c>.</summary>
    internal static string ModelOf(string jobId) => jobId[..^13];
}

/// <summary>Answer of <c>GET /api/jobs</c>: newest first; <paramref name="Truncated"/> when there are more than listed.</summary>
public sealed record JobList(string? Model, IReadOnlyList<JobSummary> Jobs, bool Truncated);

/// <summary>One job in <see cref="JobList"/>: enough to pick it and see where it is (percent, ETA, current training loss), with the link to its whole status.</summary>
public sealed record JobSummary(
    string Id,
    string Model,
    string? Phase,
    OrchestrationRuntimeStatus RuntimeStatus,
    bool Terminal,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    double? Percent,
    double? EtaSeconds,
    double? Loss,
    JobLinks Links)
{
    /// <summary><c>training</c> or <c>scoring</c>.</summary>
    public string Kind { get; init; } = JobKinds.Training;

    public static JobSummary From(JobStatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, JobListHandler.ModelOf(view.Id), view.Phase, view.RuntimeStatus, view.Terminal, view.CreatedAt, view.LastUpdatedAt,
            view.Progress?.Percent ?? view.Scoring?.Percent, view.Progress?.EtaSeconds, view.Progress?.Loss, view.Links) { Kind = view.Kind };
    }
}
