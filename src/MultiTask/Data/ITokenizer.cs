namespace MultiTask.Data;

/// <summary>
/// Splits a text into tokens for a <see cref="TokenVocabulary"/>. Implement it to plug in another tokenizer; the
/// built-in one is <see cref="TextTokenizer"/>. Implementations should be deterministic, culture-independent and
/// thread-safe, since the same tokenizer must give the same tokens when building the vocabulary and when encoding.
/// </summary>
public interface ITokenizer
{
    /// <summary>Splits a text into tokens, in text order.</summary>
    /// <param name="text">Any text; not null.</param>
    /// <returns>The tokens; empty when the text has none.</returns>
    IReadOnlyList<string> Tokenize(string text);
}
