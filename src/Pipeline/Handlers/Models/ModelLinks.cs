namespace Platform.Pipeline.Handlers.Models;

/// <summary>Where to read a model, where to send texts to it, and where to promote or roll back a version.</summary>
public sealed record ModelLinks(string Self, string Predict, string Current)
{
    public static ModelLinks For(string model) => new(Routes.Model(model), Routes.Predict(model), Routes.Current(model));
}
