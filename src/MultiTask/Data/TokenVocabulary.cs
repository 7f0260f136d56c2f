namespace MultiTask.Data;

/// <summary>
/// A vocabulary that maps tokens to the integer ids a text trunk reads (see <see cref="MultiTaskDataset.FromTokens"/>
/// and <c>Trunks.Text</c>), with the tokenizer that made its tokens.
/// </summary>
/// <remarks>
/// <para>
/// Ids: 0 is padding (<see cref="PaddingToken"/>), 1 stands for every unknown token (<see cref="UnknownToken"/>),
/// and the tokens get 2, 3, … in order of descending frequency in the corpus (total occurrences), ties broken by
/// ordinal string order (<see cref="StringComparer.Ordinal"/>, UTF-16 code units), so the same corpus always gives the
/// same ids on any machine and culture. A corpus token equal to <see cref="PaddingToken"/> or
/// <see cref="UnknownToken"/> keeps its reserved id. Instances are immutable and thread-safe.
/// </para>
/// <para>
/// <see cref="Build"/> tokenizes texts with a tokenizer (by default <see cref="TextTokenizer"/>);
/// <see cref="BuildFromTokens"/> takes token lists made by any tokenizer. <see cref="Encode"/> uses
/// <see cref="Tokenizer"/>, so texts are encoded as the vocabulary's corpus was tokenized.
/// </para>
/// </remarks>
public sealed class TokenVocabulary
{
    /// <summary>The token shown for the padding id 0.</summary>
    public const string PaddingToken = "<pad>";

    /// <summary>The token shown for the unknown id 1.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private TokenVocabulary(string[] tokens, ITokenizer tokenizer)
    {
        _tokens = tokens;
        Tokenizer = tokenizer;
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

    /// <summary>The tokenizer <see cref="Encode"/> and <see cref="EncodeAll"/> use.</summary>
    public ITokenizer Tokenizer { get; }

    /// <summary>Builds a vocabulary from texts, tokenized with <paramref name="tokenizer"/> (see the remarks of <see cref="TokenVocabulary"/> for the ids).</summary>
    /// <param name="texts">The corpus, one text per item; no item may be null. Build it from training texts only.</param>
    /// <param name="minCount">A token must occur at least this many times in the corpus to get an id. Range: ≥ 1. Default: 1.</param>
    /// <param name="maxSize">The largest <see cref="Count"/> allowed, the two reserved ids included; the most frequent tokens are kept. Range: ≥ 2, or null for no limit. Default: null.</param>
    /// <param name="tokenizer">Splits the texts, now and in <see cref="Encode"/>. Default: <c>new TextTokenizer()</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentException">A text is null; the message names its position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> or <paramref name="maxSize"/> is out of range.</exception>
    public static TokenVocabulary Build(IEnumerable<string> texts, int minCount = 1, int? maxSize = null, ITokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        tokenizer ??= new TextTokenizer();
        return BuildFromTokens(texts.Select((text, index) => tokenizer.Tokenize(text ?? throw new ArgumentException($"Text {index} of the corpus is null.", nameof(texts)))), minCount, maxSize, tokenizer);
    }

    /// <summary>Builds a vocabulary from token lists (see the remarks of <see cref="TokenVocabulary"/> for the ids).</summary>
    /// <param name="tokenLists">The tokenized corpus, one token list per text; no list or token may be null.</param>
    /// <param name="minCount">A token must occur at least this many times in the corpus to get an id. Range: ≥ 1. Default: 1.</param>
    /// <param name="maxSize">The largest <see cref="Count"/> allowed, the two reserved ids included; the most frequent tokens are kept. Range: ≥ 2, or null for no limit. Default: null.</param>
    /// <param name="tokenizer">The tokenizer that made the lists, used by <see cref="Encode"/>. Default: <c>new TextTokenizer()</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokenLists"/> is null.</exception>
    /// <exception cref="ArgumentException">A list or a token is null; the message names its position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> or <paramref name="maxSize"/> is out of range.</exception>
    public static TokenVocabulary BuildFromTokens(IEnumerable<IReadOnlyList<string>> tokenLists, int minCount = 1, int? maxSize = null, ITokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(tokenLists);
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
        foreach (var tokens in tokenLists)
        {
            if (tokens is null)
            {
                throw new ArgumentException($"Token list {index} of the corpus is null.", nameof(tokenLists));
            }

            for (int i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i] ?? throw new ArgumentException($"Token {i} of token list {index} is null.", nameof(tokenLists));
                if (token is not (PaddingToken or UnknownToken))
                {
                    counts[token] = counts.GetValueOrDefault(token) + 1;
                }
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

        return new TokenVocabulary([PaddingToken, UnknownToken, .. words], tokenizer ?? new TextTokenizer());
    }

    /// <summary>The ids of a text's tokens (split by <see cref="Tokenizer"/>); unknown tokens map to <see cref="UnknownId"/>. No padding is added.</summary>
    /// <param name="text">Any text; not null.</param>
    /// <param name="maxLength">Keeps only the first this-many tokens. Range: ≥ 1, or null for all. Default: null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public int[] Encode(string text, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckMaxLength(maxLength);
        return EncodeTokens(Tokenizer.Tokenize(text), maxLength);
    }

    /// <summary>The ids of tokens; tokens not in the vocabulary map to <see cref="UnknownId"/>. No padding is added.</summary>
    /// <param name="tokens">Tokens as the vocabulary's tokenizer makes them; not null.</param>
    /// <param name="maxLength">Keeps only the first this-many tokens. Range: ≥ 1, or null for all. Default: null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    /// <exception cref="ArgumentException">A token is null; the message names its position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public int[] EncodeTokens(IReadOnlyList<string> tokens, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        CheckMaxLength(maxLength);
        int length = Math.Min(tokens.Count, maxLength ?? int.MaxValue);
        var ids = new int[length];
        for (int i = 0; i < length; i++)
        {
            ids[i] = _ids.GetValueOrDefault(tokens[i] ?? throw new ArgumentException($"Token {i} is null.", nameof(tokens)), UnknownId);
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

    /// <summary>Looks up the id of a token, matched exactly (ordinal): pass tokens as <see cref="Tokenizer"/> produces them.</summary>
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

    private static void CheckMaxLength(int? maxLength)
    {
        if (maxLength is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"maxLength must be ≥ 1 (or null for no limit); got {maxLength}.");
        }
    }
}
