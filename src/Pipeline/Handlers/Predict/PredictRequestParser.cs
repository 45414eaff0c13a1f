using System.Text.Json;

namespace Platform.Pipeline.Handlers.Predict;

/// <summary>Parses <c>{"texts":[…]}</c> or <c>{"text":"…"}</c> and enforces the per-request limits.</summary>
internal static class PredictRequestParser
{
    public static (IReadOnlyList<string>? Texts, HandlerResult? Problem) Parse(byte[] body, HandlerOptions limits)
    {
        const string Shape = "Send {\"texts\":[\"first text\",\"second text\"]} or {\"text\":\"one text\"}.";
        if (body.Length == 0)
        {
            return (null, Problems.Validation("body", "The body is empty. " + Shape));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", $"The body is not valid JSON: {e.Message} {Shape}"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Problems.Validation("body", "The body must be a JSON object. " + Shape));
        }

        var errors = new ValidationErrors();
        JsonElement? text = null;
        JsonElement? texts = null;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, "text", StringComparison.OrdinalIgnoreCase)) { text = property.Value; }
            else if (string.Equals(property.Name, "texts", StringComparison.OrdinalIgnoreCase)) { texts = property.Value; }
            else { errors.Add(property.Name, $"Unknown option '{property.Name}'. {Shape}"); }
        }

        if (text is not null && texts is not null)
        {
            errors.Add("body", "Give either 'text' or 'texts', not both.");
        }
        else if (text is null && texts is null)
        {
            errors.Add("texts", "'texts' is required. " + Shape);
        }

        var result = new List<string>();
        if (!errors.Any && text is { } single)
        {
            Add(single, "text", result, errors, limits);
        }
        else if (!errors.Any && texts is { } many)
        {
            if (many.ValueKind != JsonValueKind.Array)
            {
                errors.Add("texts", "'texts' must be an array of strings. " + Shape);
            }
            else if (many.GetArrayLength() == 0)
            {
                errors.Add("texts", "'texts' is empty: send at least one text.");
            }
            else if (many.GetArrayLength() > limits.MaxTextsPerRequest)
            {
                errors.Add("texts", $"'texts' holds {many.GetArrayLength()} texts; the limit is {limits.MaxTextsPerRequest} per request. Split them over several requests.");
            }
            else
            {
                var index = 0;
                foreach (var item in many.EnumerateArray())
                {
                    Add(item, $"texts[{index++}]", result, errors, limits);
                }
            }
        }

        return errors.Any ? (null, errors.ToProblem()) : (result, null);
    }

    private static void Add(JsonElement value, string field, List<string> texts, ValidationErrors errors, HandlerOptions limits)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"'{field}' must be a string.");
            return;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, $"'{field}' is empty: send some text to classify.");
        }
        else if (text.Length > limits.MaxCharactersPerText)
        {
            errors.Add(field, $"'{field}' has {text.Length} characters; the limit is {limits.MaxCharactersPerText}. Shorten it (the model reads only the first few hundred tokens anyway).");
        }
        else
        {
            texts.Add(text);
        }
    }
}
