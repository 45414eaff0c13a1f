using System.Text.RegularExpressions;

namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Job ids received in a URL must look like <c>{model}-{12 hex digits}</c> before they reach storage paths.</summary>
internal static partial class JobIdFormat
{
    public static string? Problem(string? jobId) => jobId is not null && Pattern().IsMatch(jobId)
        ? null
        : $"Job id '{jobId}' is not valid: job ids look like 'reviews-0123456789ab' (the model name, a hyphen, 12 hex digits).";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
