using System.Globalization;
using MultiTask.Data;

namespace MultiTask.Tests.Data;

/// <summary>Expected tokens are written out by hand from the rule in the remarks of <see cref="TextTokenizer"/>.</summary>
public sealed class TextTokenizerTests
{
    private static readonly TextTokenizer Plain = new();
    private static readonly TextTokenizer Social = new() { NormalizeUrls = true, NormalizeUserHandles = true };

    [Theory]
    [InlineData("Don't STOP—it's 100% 'great'!", new[] { "don't", "stop", "it's", "100", "great" })]
    [InlineData("rock'n'roll abc123def", new[] { "rock'n'roll", "abc123def" })]
    [InlineData("It\u2019s fine", new[] { "it's", "fine" })]
    [InlineData("students' 'quoted' don''t", new[] { "students", "quoted", "don", "t" })]
    [InlineData("Café-au-lait, 10/10", new[] { "café", "au", "lait", "10", "10" })]
    [InlineData("tab\there\nnew\u0085line", new[] { "tab", "here", "new", "line" })]
    [InlineData("?! ... '' $5 + 3 = 8", new[] { "5", "3", "8" })]
    public void Words_FollowTheDocumentedRule(string text, string[] expected)
    {
        Plain.Tokenize(text).Should().Equal(expected);
    }

    [Fact]
    public void Emoji_AreTokensOfTheirOwn_WithModifiersZwjSequencesAndFlagsKeptWhole()
    {
        const string thumbsUpMediumSkin = "\U0001F44D\U0001F3FD";
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        const string france = "\U0001F1EB\U0001F1F7";
        const string laughing = "\U0001F602";

        Plain.Tokenize($"Love it{thumbsUpMediumSkin}!! so good{laughing}{laughing} {family} in {france}")
            .Should().Equal("love", "it", thumbsUpMediumSkin, "so", "good", laughing, laughing, family, "in", france);
        Plain.Tokenize("\u2764\uFE0F \u00A9").Should().Equal("\u2764\uFE0F", "\u00A9"); // ❤️ with its variation selector; © is So too
    }

    [Fact]
    public void SurrogatePairsAndCombiningMarks_StayWhole_AndSupplementaryLettersAreLowerCased()
    {
        // U+10400 DESERET CAPITAL LONG I lower-cases to U+10428; U+20000 is a CJK letter outside the BMP.
        Plain.Tokenize("\U00010400\U00010401 \U00020000x").Should().Equal("\U00010428\U00010429", "\U00020000x");
        Plain.Tokenize("Cafe\u0301 NOE\u0308L").Should().Equal("cafe\u0301", "noe\u0308l");
    }

    [Fact]
    public void LowerCasing_IsInvariant_WhateverTheCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");

            // Turkish lower-cases I to dotless ı (U+0131); the invariant culture gives i.
            "TITLE".ToLower(CultureInfo.CurrentCulture).Should().Be("t\u0131tle", "the culture is really Turkish");
            Plain.Tokenize("TITLE Ist").Should().Equal("title", "ist");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void UrlsAndHandles_AreNormalisedOnlyWhenAsked()
    {
        const string text = "@Bob_99 see https://Example.com/a?b=1, and www.test.org. Mail me@x.org @ home";

        Social.Tokenize(text).Should().Equal("<user>", "see", "<url>", "and", "<url>", "mail", "me", "x", "org", "home");
        Plain.Tokenize(text).Should().Equal("bob", "99", "see", "https", "example", "com", "a", "b", "1", "and", "www", "test", "org", "mail", "me", "x", "org", "home");
        new TextTokenizer { NormalizeUserHandles = true }.Tokenize("@ann: http://t.co/x").Should().Equal("<user>", "http", "t", "co", "x");
        new TextTokenizer { NormalizeUrls = true }.Tokenize("@ann: http://t.co/x").Should().Equal("ann", "<url>");
    }

    [Fact]
    public void NullText_IsRejected()
    {
        FluentActions.Invoking(() => Plain.Tokenize(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("text");
    }
}
