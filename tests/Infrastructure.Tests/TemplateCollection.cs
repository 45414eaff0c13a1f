namespace Platform.Infrastructure.Tests;

/// <summary>Shares one compiled template among the test classes that inspect it.</summary>
[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled main.bicep";
}
