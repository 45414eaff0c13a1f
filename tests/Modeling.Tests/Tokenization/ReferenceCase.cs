namespace Platform.Modeling.Tests.Tokenization;

/// <summary>One line of hf-bert-reference.jsonl: a text and HF's tokens for it, uncased and cased.</summary>
public sealed record ReferenceCase(string Text, string[] Uncased, string[] Cased);
