using MultiTask.Data;

namespace MultiTask.Tests.Data;

/// <summary>
/// Expected ids are counted by hand from <see cref="Corpus"/>:
/// the ×4 (The, the, The, the); a, cat, dog, sat ×2; end, mat, on ×1.
/// Ids: 0 &lt;pad&gt;, 1 &lt;unk&gt;, then by descending count and ordinal order within a count:
/// the 2, a 3, cat 4, dog 5, sat 6, end 7, mat 8, on 9.
/// </summary>
public sealed class TokenVocabularyTests
{
    private static readonly string[] Corpus =
    [
        "The cat sat on the mat.",
        "The dog sat.",
        "A cat! A DOG? the end",
    ];

    [Fact]
    public void Build_TinyCorpus_OrdersIdsByFrequencyThenOrdinally()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        vocabulary.Count.Should().Be(10);
        vocabulary.PaddingId.Should().Be(0);
        vocabulary.UnknownId.Should().Be(1);
        Enumerable.Range(0, 10).Select(vocabulary.TokenOf).Should().Equal("<pad>", "<unk>", "the", "a", "cat", "dog", "sat", "end", "mat", "on");
    }

    [Fact]
    public void Build_TiesAreOrderedOrdinallyNotByCulture()
    {
        // 'é' is U+00E9, after 'f' (U+0066) in ordinal order, although a culture-aware sort puts it before 'f'.
        var vocabulary = TokenVocabulary.Build(["é f", "f é", "e"]);

        Enumerable.Range(2, 3).Select(vocabulary.TokenOf).Should().Equal("f", "é", "e");
    }

    [Fact]
    public void Encode_KnownAndUnknownTokens_MapToTheirIdsAndOne()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        vocabulary.Encode("The bird sat on THE mat").Should().Equal(2, 1, 6, 9, 2, 8);
        vocabulary.Encode("...").Should().BeEmpty();
    }

    [Fact]
    public void Encode_MaxLength_KeepsTheFirstTokens()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        vocabulary.Encode("The bird sat on the mat", maxLength: 2).Should().Equal(2, 1);
        vocabulary.Encode("cat", maxLength: 5).Should().Equal(4);
    }

    [Fact]
    public void EncodeAll_EncodesEachTextInOrder()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        var ids = vocabulary.EncodeAll(["a dog", "zebra cat on", ""], maxLength: 2);

        ids.Should().HaveCount(3);
        ids[0].Should().Equal(3, 5);
        ids[1].Should().Equal(1, 4);
        ids[2].Should().BeEmpty();
    }

    [Fact]
    public void Build_MinCount_DropsRareTokens()
    {
        var vocabulary = TokenVocabulary.Build(Corpus, minCount: 2);

        vocabulary.Count.Should().Be(7);
        Enumerable.Range(2, 5).Select(vocabulary.TokenOf).Should().Equal("the", "a", "cat", "dog", "sat");
        vocabulary.Encode("the end").Should().Equal(2, 1);
    }

    [Fact]
    public void Build_MaxSize_KeepsTheMostFrequentAndCountsReservedIds()
    {
        var vocabulary = TokenVocabulary.Build(Corpus, maxSize: 4);

        vocabulary.Count.Should().Be(4);
        vocabulary.TokenOf(2).Should().Be("the");
        vocabulary.TokenOf(3).Should().Be("a");
        vocabulary.Encode("a cat").Should().Equal(3, 1);
        TokenVocabulary.Build(Corpus, maxSize: 2).Count.Should().Be(2);
        TokenVocabulary.Build(Corpus, minCount: 2, maxSize: 100).Count.Should().Be(7);
    }

    [Fact]
    public void TryGetId_FindsWordsAndReservedTokensOnly()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        vocabulary.TryGetId("dog", out int dog).Should().BeTrue();
        dog.Should().Be(5);
        vocabulary.TryGetId("<pad>", out int padding).Should().BeTrue();
        padding.Should().Be(0);
        vocabulary.TryGetId("Dog", out int upper).Should().BeFalse("lookup is exact; tokens are lower-case");
        upper.Should().Be(1);
        vocabulary.TryGetId("zebra", out int missing).Should().BeFalse();
        missing.Should().Be(1);
    }

    [Fact]
    public void BuildFromTokens_OrdersByCountThenOrdinally_AndKeepsReservedTokensOnTheirIds()
    {
        // Counts: b 2, a 2, <x> 1, c 1, 😂 1; ordinal order within a count: a < b, and '<' (U+003C) < 'c' < '😂' (U+D83D).
        var vocabulary = TokenVocabulary.BuildFromTokens([["b", "a", "b", "<unk>"], ["c", "a", "<x>", "😂", "<pad>"]]);

        Enumerable.Range(0, vocabulary.Count).Select(vocabulary.TokenOf).Should().Equal("<pad>", "<unk>", "a", "b", "<x>", "c", "😂");
        vocabulary.EncodeTokens(["c", "<pad>", "zz", "a"]).Should().Equal(5, 0, 1, 2);
        TokenVocabulary.BuildFromTokens([["b", "a", "b"], ["c", "a"]], minCount: 2).Count.Should().Be(4);
        TokenVocabulary.BuildFromTokens([["b", "a", "b"], ["c", "a"]], maxSize: 3).TokenOf(2).Should().Be("a");
    }

    [Fact]
    public void Build_WithAPluggedTokenizer_UsesItForTheCorpusAndForEncode()
    {
        var vocabulary = TokenVocabulary.Build(["a-b a", "b-b"], tokenizer: new SplitOnDash());

        // Tokens "a", "b a", "b", "b": b 2, then "a" and "b a" once each ("a" < "b a" ordinally).
        Enumerable.Range(2, 3).Select(vocabulary.TokenOf).Should().Equal("b", "a", "b a");
        vocabulary.Tokenizer.Should().BeOfType<SplitOnDash>();
        vocabulary.Encode("b a-q").Should().Equal(4, 1);
    }

    [Fact]
    public void Encode_KeepsEmojiWhole_WithTheDefaultTokenizer()
    {
        var vocabulary = TokenVocabulary.Build(["love it 👍🏽", "👍🏽 👨‍👩‍👧"]);

        vocabulary.TokenOf(2).Should().Be("👍🏽");
        vocabulary.Encode("it 👍🏽 👨‍👩‍👧!").Should().Equal(3, 2, 5); // 👍🏽 2 (twice), then it 3 < love 4 < 👨‍👩‍👧 5 (U+D83D) ordinally
    }

    [Fact]
    public void TokenOf_OutOfRange_NamesTheIdAndSize()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        var act = () => vocabulary.TokenOf(10);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Token id 10 is outside the vocabulary of 10 ids*");
    }

    [Fact]
    public void InvalidArguments_AreRejectedWithClearMessages()
    {
        var vocabulary = TokenVocabulary.Build(Corpus);

        FluentActions.Invoking(() => TokenVocabulary.Build(Corpus, minCount: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("minCount must be ≥ 1; got 0.*");
        FluentActions.Invoking(() => TokenVocabulary.Build(Corpus, maxSize: 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("maxSize counts the padding and unknown ids*got 1.*");
        FluentActions.Invoking(() => TokenVocabulary.Build(["ok", null!]))
            .Should().Throw<ArgumentException>().WithMessage("Text 1 of the corpus is null.*");
        FluentActions.Invoking(() => vocabulary.Encode("cat", maxLength: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("maxLength must be ≥ 1*got 0.*");
        FluentActions.Invoking(() => TokenVocabulary.BuildFromTokens([["ok"], ["fine", null!]]))
            .Should().Throw<ArgumentException>().WithMessage("Token 1 of token list 1 is null.*");
        FluentActions.Invoking(() => vocabulary.EncodeAll(["cat", "dog", null!]))
            .Should().Throw<ArgumentException>().WithMessage("Text 2 is null.*");
    }

    private sealed class SplitOnDash : ITokenizer
    {
        public IReadOnlyList<string> Tokenize(string text) => text.Split('-');
    }
}
