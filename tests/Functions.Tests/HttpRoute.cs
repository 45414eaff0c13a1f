namespace Platform.Functions.Tests;

/// <summary>The route template and the one HTTP method an HTTP-triggered function answers.</summary>
internal sealed record HttpRoute(string Template, string Method);
