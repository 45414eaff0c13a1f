namespace Platform.Functions.Tests;

/// <summary>
/// The route template and the one HTTP method an HTTP-triggered function answers, and its authorization level: Function
/// (a function key) for the API; Anonymous only for the console's pages, which require a signed-in user in Azure instead.
/// </summary>
internal sealed record HttpRoute(string Template, string Method, string AuthLevel = "Function");
