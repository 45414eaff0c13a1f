using static TorchSharp.torch;

namespace Platform.Modeling.Bert;

/// <summary>Hugging Face's BERT initialisation: normal(0, range) weights, zero biases, unit layer norms.</summary>
internal static class BertInitializer
{
    public static void Initialize(nn.Module module, double range)
    {
        using var guard = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                parameter.normal_(0.0, range);
            }
        }
    }
}
