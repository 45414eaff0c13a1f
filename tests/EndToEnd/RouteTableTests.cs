using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.DevHost;
using Platform.TestSupport;

namespace Platform.EndToEnd;

/// <summary>DevHost serves exactly the HTTP functions the Functions app declares: one route table, read from the attributes.</summary>
public sealed class RouteTableTests
{
    [Fact]
    public async Task DevHostEndpoints_AreTheFunctionsAppsHttpTriggers()
    {
        // What the Functions SDK generated from the attributes at build (the host indexes the same list).
        var metadata = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(metadata));
        var declared = document.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (
                    Name: function.GetProperty("name").GetString()!,
                    Route: "/api/" + binding.GetProperty("route").GetString(),
                    Methods: string.Join(",", binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order()))))
            .OrderBy(route => route.Name, StringComparer.Ordinal)
            .ToList();

        await using var app = DevHostApplication.Build([], new Dictionary<string, string?> { ["DevHost:Durable:Backend"] = "InMemory", ["Telemetry:Console"] = "false" });
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => (
                Name: endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "",
                Route: endpoint.RoutePattern.RawText!,
                Methods: string.Join(",", (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Order())))
            .OrderBy(route => route.Name, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(14, declared.Count);
        Assert.Equal(declared, served);
    }
}
