namespace Platform.EndToEnd;

/// <summary>The whole platform with two in-process runners, so a sweep's trials train side by side.</summary>
public sealed class SweepPlatform() : PlatformFixture(runRunner: true, extra: new Dictionary<string, string?> { ["DevHost:Runners"] = "2" });
