using System.Text.Json;

namespace Platform.Infrastructure.Tests;

/// <summary>One resource of the compiled template, with the (module) template that declares it.</summary>
internal sealed record ArmResource(string Type, string Name, JsonElement Element, JsonElement Template, string Module)
{
    public JsonElement Properties => Element.GetProperty("properties");

    /// <summary>A property by path ("configuration.eventTriggerConfig.scale"), or null when absent.</summary>
    public JsonElement? Find(string path) => ArmJson.Find(Element, path);

    /// <summary>The module variable an expression such as <c>[variables('x')]</c> names, or null.</summary>
    public JsonElement? Variable(string name) =>
        Template.TryGetProperty("variables", out var variables) && variables.TryGetProperty(name, out var value) ? value : null;
}
