using System.Text;

namespace Platform.Shared.Text;

/// <summary>
/// Keeps what users see short whatever they sent: a quoted excerpt of their input, a list of a few items and a count of
/// the rest, and a cap on a whole message. Every message built from user input goes through one of these.
/// </summary>
public static class Bounded
{
    /// <summary>Longest excerpt of a user's value quoted in a message.</summary>
    public const int ExcerptChars = 40;

    /// <summary>Most items a message lists before "and N more".</summary>
    public const int ListedItems = 5;

    /// <summary>Longest message the platform stores or answers with.</summary>
    public const int MessageChars = 1_000;

    /// <summary>
    /// <paramref name="value"/> in single quotes; control characters shown as <c>\uXXXX</c>; past
    /// <paramref name="max"/> characters cut with "…" and the full length.
    /// </summary>
    public static string Quote(string? value, int max = ExcerptChars)
    {
        value ??= "";
        var text = new StringBuilder(Math.Min(value.Length, max) + 24).Append('\'');
        var shown = 0;
        foreach (var c in value)
        {
            if (shown == max)
            {
                break;
            }

            if (char.IsControl(c))
            {
                text.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }

            shown++;
        }

        text.Append('\'');
        if (value.Length > max)
        {
            text.Insert(text.Length - 1, '…').Append(System.Globalization.CultureInfo.InvariantCulture, $" ({value.Length:N0} characters)");
        }

        return text.ToString();
    }

    /// <summary>The first <paramref name="max"/> items joined with ", ", then "and N more" when there are others.</summary>
    public static string List(IEnumerable<string> items, int max = ListedItems)
    {
        ArgumentNullException.ThrowIfNull(items);
        var shown = new List<string>(max);
        var rest = 0;
        foreach (var item in items)
        {
            if (shown.Count < max)
            {
                shown.Add(item);
            }
            else
            {
                rest++;
            }
        }

        var joined = string.Join(", ", shown);
        return rest == 0 ? joined : $"{joined} and {rest:N0} more";
    }

    /// <summary><paramref name="message"/> cut to <paramref name="max"/> characters (ending in "…") when longer.</summary>
    public static string Message(string? message, int max = MessageChars) =>
        message is null || message.Length <= max ? message ?? "" : string.Concat(message.AsSpan(0, max - 1), "…");
}
