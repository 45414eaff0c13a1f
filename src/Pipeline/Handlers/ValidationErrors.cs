namespace Platform.Pipeline.Handlers;

/// <summary>Collects what is wrong with a request, per field, in the order found.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many messages there are, over all fields.</summary>
    public int Count => _errors.Values.Sum(m => m.Count);

    /// <summary>Adds <paramref name="message"/> under <paramref name="field"/>, once: the same problem found twice is listed once.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    /// <summary>Every problem as <c>field: message</c>.</summary>
    public IEnumerable<string> Lines => _errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"));

    public HandlerResult ToProblem() => Problems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
