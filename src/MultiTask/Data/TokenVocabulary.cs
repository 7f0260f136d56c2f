using System.Text;

namespace MultiTask.Data;

/// <summary>
/// A word tokenizer and a vocabulary that maps its tokens to the integer ids a text trunk reads
/// (see <see cref="MultiTaskDataset.FromTokens"/> and <see cref="Models.Trunks.Text"/>).
/// </summary>
/// <remarks>
/// <para>
/// Tokenization rule (<see cref="Tokenize"/>): the text is lower-cased with the invariant culture; a token is a
/// maximal run of letters and decimal digits (<see cref="char.IsLetterOrDigit(char)"/>); an apostrophe
/// (<c>'</c> or the typographic <c>’</c>, stored as <c>'</c>) belongs to a token only when it stands between two
/// letters or digits, as in <c>don't</c> or <c>rock'n'roll</c>. Every other character separates tokens and is
/// dropped, so <c>"Don't STOP—it's 100% 'great'!"</c> gives <c>don't</c>, <c>stop</c>, <c>it's</c>, <c>100</c>,
/// <c>great</c>.
/// </para>
/// <para>
/// Ids: 0 is padding (<see cref="PaddingToken"/>), 1 stands for every unknown token (<see cref="UnknownToken"/>),
/// and the words get 2, 3, … in order of descending frequency in the corpus (total occurrences), ties broken by
/// ordinal string order, so the same corpus always gives the same ids. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class TokenVocabulary
{
    /// <summary>The token shown for the padding id 0; tokenization never produces it.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The token shown for the unknown id 1; tokenization never produces it.</summary>
    public const string UnknownToken = "<unk>";

    private const char Apostrophe = '\'';
    private const char TypographicApostrophe = '\u2019';

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private TokenVocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            _ids.Add(tokens[id], id);
        }
    }

    /// <summary>The number of ids, reserved ones included: the vocabulary size a text trunk needs.</summary>
    public int Count => _tokens.Length;

    /// <summary>The id that pads sequences: 0.</summary>
    public int PaddingId => 0;

    /// <summary>The id of every token not in the vocabulary: 1.</summary>
    public int UnknownId => 1;

    /// <summary>Builds a vocabulary from a corpus (see the remarks of <see cref="TokenVocabulary"/> for the ids).</summary>
    /// <param name="texts">The corpus, one text per item; no item may be null. Build it from training texts only.</param>
    /// <param name="minCount">A token must occur at least this many times in the corpus to get an id. Range: ≥ 1. Default: 1.</param>
    /// <param name="maxSize">The largest <see cref="Count"/> allowed, the two reserved ids included; the most frequent tokens are kept. Range: ≥ 2, or null for no limit. Default: null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentException">A text is null; the message names its position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> or <paramref name="maxSize"/> is out of range.</exception>
    public static TokenVocabulary Build(IEnumerable<string> texts, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (minCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minCount), minCount, $"minCount must be ≥ 1; got {minCount}.");
        }

        if (maxSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"maxSize counts the padding and unknown ids, so it must be ≥ 2 (or null for no limit); got {maxSize}.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var text in texts)
        {
            if (text is null)
            {
                throw new ArgumentException($"Text {index} of the corpus is null.", nameof(texts));
            }

            foreach (var token in Tokenize(text))
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }

            index++;
        }

        var words = counts
            .Where(pair => pair.Value >= minCount)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key);
        if (maxSize is int max)
        {
            words = words.Take(max - 2);
        }

        return new TokenVocabulary([PaddingToken, UnknownToken, .. words]);
    }

    /// <summary>Splits a text into lower-case tokens (see the remarks of <see cref="TokenVocabulary"/> for the rule).</summary>
    /// <param name="text">Any text; not null.</param>
    /// <returns>The tokens in text order; empty when the text has no letter or digit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (IsApostrophe(c) && current.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                current.Append(Apostrophe);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>The ids of a text's tokens; tokens not in the vocabulary map to <see cref="UnknownId"/>. No padding is added.</summary>
    /// <param name="text">Any text; not null.</param>
    /// <param name="maxLength">Keeps only the first this-many tokens. Range: ≥ 1, or null for all. Default: null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public int[] Encode(string text, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckMaxLength(maxLength);
        var tokens = Tokenize(text);
        int length = Math.Min(tokens.Count, maxLength ?? int.MaxValue);
        var ids = new int[length];
        for (int i = 0; i < length; i++)
        {
            ids[i] = _ids.GetValueOrDefault(tokens[i], UnknownId);
        }

        return ids;
    }

    /// <summary>Encodes each text (see <see cref="Encode"/>), for <see cref="MultiTaskDataset.FromTokens"/> or <see cref="MultiTaskModel.Predict(int[][], int, int?)"/>.</summary>
    /// <param name="texts">The texts; no item may be null.</param>
    /// <param name="maxLength">Keeps only the first this-many tokens of each text. Range: ≥ 1, or null for all. Default: null.</param>
    /// <returns>One id sequence per text, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentException">A text is null; the message names its position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public int[][] EncodeAll(IEnumerable<string> texts, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        CheckMaxLength(maxLength);
        var sequences = new List<int[]>();
        foreach (var text in texts)
        {
            if (text is null)
            {
                throw new ArgumentException($"Text {sequences.Count} is null.", nameof(texts));
            }

            sequences.Add(Encode(text, maxLength));
        }

        return [.. sequences];
    }

    /// <summary>Looks up the id of a token, matched exactly (ordinal): pass tokens as <see cref="Tokenize"/> produces them.</summary>
    /// <param name="token">A token, or <see cref="PaddingToken"/> / <see cref="UnknownToken"/> for the reserved ids.</param>
    /// <param name="id">The token's id, or <see cref="UnknownId"/> when the token is not in the vocabulary.</param>
    /// <returns>Whether the token is in the vocabulary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public bool TryGetId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_ids.TryGetValue(token, out id))
        {
            return true;
        }

        id = UnknownId;
        return false;
    }

    /// <summary>The token of an id: <see cref="PaddingToken"/> for 0, <see cref="UnknownToken"/> for 1, otherwise a word.</summary>
    /// <param name="id">An id. Range: [0, <see cref="Count"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the vocabulary; the message names the id and <see cref="Count"/>.</exception>
    public string TokenOf(int id)
    {
        if ((uint)id >= (uint)_tokens.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is outside the vocabulary of {_tokens.Length} ids (0 to {_tokens.Length - 1}).");
        }

        return _tokens[id];
    }

    private static bool IsApostrophe(char c) => c is Apostrophe or TypographicApostrophe;

    private static void CheckMaxLength(int? maxLength)
    {
        if (maxLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"maxLength must be ≥ 1 (or null for no limit); got {maxLength}.");
        }
    }
}
