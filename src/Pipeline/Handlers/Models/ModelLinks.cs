namespace Platform.Pipeline.Handlers.Models;

/// <summary>Where to read a model and where to send texts to it.</summary>
public sealed record ModelLinks(string Self, string Predict)
{
    public static ModelLinks For(string model) => new(Routes.Model(model), Routes.Predict(model));
}
