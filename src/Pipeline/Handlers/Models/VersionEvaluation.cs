using System.Text.Json;

namespace Platform.Pipeline.Handlers.Models;

/// <summary>What a published version's <c>evaluation.json</c> says: the job that trained it and its held-out scores.</summary>
public sealed record VersionEvaluation(string JobId, double MacroF1, JsonElement Summary);
