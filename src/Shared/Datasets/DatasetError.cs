using Platform.Shared.Text;

namespace Platform.Shared.Datasets;

/// <summary>Why a dataset was rejected: a stable <see cref="DatasetErrorCodes"/> code, a message a person can act on, and the line where it applies.</summary>
public sealed record DatasetError(string Code, string Message, int? Line)
{
    /// <summary>The message, at most <see cref="Bounded.MessageChars"/> characters whatever the input quoted in it.</summary>
    public string Message { get; init; } = Bounded.Message(Message);
}
