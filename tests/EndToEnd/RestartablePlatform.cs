namespace Platform.EndToEnd;

/// <summary>The platform with the broker outside DevHost, started without its runner so a job waits until DevHost restarts.</summary>
public sealed class RestartablePlatform() : PlatformFixture(runRunner: false, ownBroker: true);

/// <summary>The platform with DevHost's own in-process broker, which starts empty after a restart.</summary>
public sealed class RestartablePlatformWithInProcessBroker() : PlatformFixture(runRunner: false);
