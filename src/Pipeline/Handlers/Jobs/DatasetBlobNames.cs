namespace Platform.Pipeline.Handlers.Jobs;

/// <summary>Checks a blob name in container <c>datasets</c> given by a caller: a relative path without tricks.</summary>
internal static class DatasetBlobNames
{
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 1024)
        {
            return "dataset must be the name of a blob in container 'datasets', 1 to 1024 characters, e.g. 'reviews.csv' or 'reviews/2024-05.csv'.";
        }

        var segments = name.Split('/');
        var bad = name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Any(char.IsControl)
            || segments.Any(s => s.Length == 0 || s is "." or "..");
        return bad
            ? $"dataset '{name}' is not a valid blob name: use a relative path like 'reviews.csv' or 'reviews/2024-05.csv' (no leading '/', no '.' or '..' segments, no backslashes)."
            : null;
    }
}
