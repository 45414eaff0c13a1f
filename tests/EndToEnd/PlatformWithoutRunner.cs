namespace Platform.EndToEnd;

/// <summary>The platform with nobody consuming <c>training-jobs</c>, so what reaches the queue stays there to be seen.</summary>
public sealed class PlatformWithoutRunner() : PlatformFixture(runRunner: false);
