namespace SentimentTopic;

/// <summary>One review sentence with its two labels.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="Sentiment">0 = negative, 1 = positive.</param>
/// <param name="Domain">The index of the review site in <see cref="SentenceCorpus.Domains"/>.</param>
internal sealed record LabelledSentence(string Text, int Sentiment, int Domain);
