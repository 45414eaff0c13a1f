namespace Platform.Pipeline.Handlers.Console;

/// <summary>One static file of the console: its content type, UTF-8 text and a strong ETag over its bytes.</summary>
public sealed record ConsoleAsset(string Path, string ContentType, string Content, string ETag);
