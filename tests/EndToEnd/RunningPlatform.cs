namespace Platform.EndToEnd;

/// <summary>The whole platform, runner included.</summary>
public sealed class RunningPlatform() : PlatformFixture(runRunner: true);
