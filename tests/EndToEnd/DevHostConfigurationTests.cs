using Platform.DevHost;

namespace Platform.EndToEnd;

/// <summary>A bad DevHost setting stops it at once, naming the key.</summary>
public sealed class DevHostConfigurationTests
{
    [Theory]
    [InlineData("1devhost")]
    [InlineData("dev-host")]
    [InlineData("ab")]
    public void Build_InvalidTaskHubName_FailsNamingTheKey(string taskHub)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DevHostApplication.Build([], new Dictionary<string, string?> { ["DevHost:Durable:TaskHub"] = taskHub }));

        Assert.Contains("DevHost:Durable:TaskHub", error.Message, StringComparison.Ordinal);
        Assert.Contains(taskHub, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SidecarPortOutOfRange_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DevHostApplication.Build([], new Dictionary<string, string?> { ["DevHost:Durable:SidecarPort"] = "70000" }));

        Assert.Contains("DevHost:Durable:SidecarPort", error.Message, StringComparison.Ordinal);
    }
}
