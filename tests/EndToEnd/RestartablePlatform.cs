namespace Platform.EndToEnd;

/// <summary>The platform with the broker outside DevHost, started without its runner so a job waits until DevHost restarts.</summary>
public sealed class RestartablePlatform() : PlatformFixture(runRunner: false, ownBroker: true);
