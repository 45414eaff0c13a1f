using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Shared.Datasets;

/// <summary>Source-generated JSON for the report: camelCase properties, label keys kept as written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class DatasetJsonContext : JsonSerializerContext;
