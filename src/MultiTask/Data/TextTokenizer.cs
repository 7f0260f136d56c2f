using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MultiTask.Data;

/// <summary>
/// The built-in word tokenizer for short texts such as reviews and social-media posts. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The text is read as user-perceived characters (<see cref="StringInfo"/> text elements), so a surrogate pair, a
/// letter with combining marks, an emoji with a skin-tone modifier (👍🏽), a ZWJ sequence (👨‍👩‍👧) or a flag (🇫🇷) is
/// never split. Rule:
/// </para>
/// <list type="bullet">
/// <item>A word is a maximal run of elements that start with a letter or a decimal digit; an apostrophe (<c>'</c>
/// or the typographic <c>’</c>, stored as <c>'</c>) belongs to a word only between two such elements, as in
/// <c>don't</c>.</item>
/// <item>Every element that starts with a symbol of Unicode category So (emoji, pictographs, ©) or a regional
/// indicator is a token of its own: <c>"good😂😂"</c> gives <c>good</c>, <c>😂</c>, <c>😂</c>.</item>
/// <item>Everything else (white space, punctuation, math and currency signs) separates tokens and is dropped.</item>
/// <item>Tokens are lower-cased with the invariant culture (<see cref="string.ToLowerInvariant"/>), whatever the
/// current culture: <c>"TITLE"</c> gives <c>title</c> under Turkish too.</item>
/// <item>With <see cref="NormalizeUrls"/>, every URL (starting with <c>http://</c>, <c>https://</c> or <c>www.</c>, up
/// to the next white space, without trailing <c>.,;:!?)]}'"</c>) becomes <see cref="UrlToken"/>; with
/// <see cref="NormalizeUserHandles"/>, every <c>@handle</c> (letters, digits and <c>_</c>, not preceded by a letter,
/// digit or <c>_</c>, so e-mail addresses are not handles) becomes <see cref="UserToken"/>.</item>
/// </list>
/// <para><c>"Don't STOP—it's 100% 'great'! 👍🏽"</c> gives <c>don't</c>, <c>stop</c>, <c>it's</c>, <c>100</c>, <c>great</c>, <c>👍🏽</c>.</para>
/// </remarks>
public sealed partial class TextTokenizer : ITokenizer
{
    /// <summary>The token that replaces a URL when <see cref="NormalizeUrls"/> is set.</summary>
    public const string UrlToken = "<url>";

    /// <summary>The token that replaces an @handle when <see cref="NormalizeUserHandles"/> is set.</summary>
    public const string UserToken = "<user>";

    private const char Apostrophe = '\'';
    private const char TypographicApostrophe = '\u2019';

    /// <summary>Whether URLs become <see cref="UrlToken"/>; otherwise their words are tokens like any other. Default: false.</summary>
    public bool NormalizeUrls { get; init; }

    /// <summary>Whether @handles become <see cref="UserToken"/>; otherwise the handle's words are tokens. Default: false.</summary>
    public bool NormalizeUserHandles { get; init; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        int start = 0;
        if (NormalizeUrls || NormalizeUserHandles)
        {
            foreach (Match match in SpecialPattern().Matches(text))
            {
                bool url = match.Groups["url"].Success;
                if (url ? !NormalizeUrls : !NormalizeUserHandles)
                {
                    continue;
                }

                AddWords(text.AsSpan(start, match.Index - start).ToString(), tokens);
                tokens.Add(url ? UrlToken : UserToken);
                start = match.Index + match.Length;
            }
        }

        AddWords(text[start..], tokens);
        return tokens;
    }

    private static void AddWords(string text, List<string> tokens)
    {
        var word = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        string? pendingApostrophe = null;
        while (elements.MoveNext())
        {
            string element = elements.GetTextElement();
            var kind = Classify(element);
            if (kind == ElementKind.Word)
            {
                if (pendingApostrophe is not null)
                {
                    word.Append(Apostrophe);
                    pendingApostrophe = null;
                }

                word.Append(element.ToLowerInvariant());
                continue;
            }

            if (kind == ElementKind.Apostrophe && word.Length > 0 && pendingApostrophe is null)
            {
                pendingApostrophe = element;
                continue;
            }

            pendingApostrophe = null;
            Flush(word, tokens);
            if (kind == ElementKind.Symbol)
            {
                tokens.Add(element.ToLowerInvariant());
            }
        }

        Flush(word, tokens);
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }

    private static ElementKind Classify(string element)
    {
        var first = Rune.GetRuneAt(element, 0);
        if (Rune.IsLetterOrDigit(first))
        {
            return ElementKind.Word;
        }

        if (first.Value is Apostrophe or TypographicApostrophe)
        {
            return ElementKind.Apostrophe;
        }

        bool regionalIndicator = first.Value is >= 0x1F1E6 and <= 0x1F1FF;
        return regionalIndicator || Rune.GetUnicodeCategory(first) == UnicodeCategory.OtherSymbol ? ElementKind.Symbol : ElementKind.Separator;
    }

    [GeneratedRegex(@"(?<url>(?:https?://|www\.)\S+?)(?=[.,;:!?)\]}'""]*(?:\s|$))|(?<user>(?<![\p{L}\p{Nd}_])@[\p{L}\p{Nd}_]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecialPattern();

    private enum ElementKind
    {
        Word,
        Apostrophe,
        Symbol,
        Separator,
    }
}
