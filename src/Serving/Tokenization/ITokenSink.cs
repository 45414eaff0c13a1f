namespace Platform.Modeling.Tokenization;

/// <summary>Receives token ids as the tokenizer produces them; a struct sink lets each caller's loop be specialised.</summary>
internal interface ITokenSink
{
    /// <summary>Takes one id; returns false when no more are wanted.</summary>
    bool Accept(int id);
}
