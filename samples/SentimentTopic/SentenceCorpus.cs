using System.Globalization;
using System.Text;

namespace SentimentTopic;

/// <summary>Reads the three files of the Sentiment Labelled Sentences corpus and splits them reproducibly.</summary>
internal static class SentenceCorpus
{
    /// <summary>The domains, in label order, with the file each one's sentences come from.</summary>
    public static readonly (string Name, string File)[] Domains =
    [
        ("amazon", "amazon_cells_labelled.txt"),
        ("imdb", "imdb_labelled.txt"),
        ("yelp", "yelp_labelled.txt"),
    ];

    /// <summary>All sentences of the three files, in file order.</summary>
    /// <param name="folder">The folder that holds the files.</param>
    public static IReadOnlyList<LabelledSentence> Load(string folder)
    {
        var sentences = new List<LabelledSentence>();
        for (int domain = 0; domain < Domains.Length; domain++)
        {
            string path = Path.Combine(folder, Domains[domain].File);
            // Split on '\n' only: imdb_labelled.txt has U+0085 (NEL) inside sentences, which other line readers treat as a line end.
            var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                int tab = line.LastIndexOf('\t');
                if (tab < 0 || !int.TryParse(line.AsSpan(tab + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int label) || label is not (0 or 1))
                {
                    throw new InvalidDataException($"{path}, line {i + 1}: expected 'sentence<TAB>0' or 'sentence<TAB>1'.");
                }

                sentences.Add(new LabelledSentence(line[..tab].Trim(), label, domain));
            }
        }

        return sentences;
    }

    /// <summary>
    /// Shuffles the sentences with a seed and cuts them into training, validation and test parts (the last two get
    /// ⌈fraction × count⌉ sentences each). The split happens on sentences, before encoding, so that the vocabulary
    /// can be built from the training part alone.
    /// </summary>
    public static (LabelledSentence[] Train, LabelledSentence[] Validation, LabelledSentence[] Test) Split(
        IReadOnlyList<LabelledSentence> sentences, double validationFraction, double testFraction, int seed)
    {
        var shuffled = sentences.ToArray();
        new Random(seed).Shuffle(shuffled);
        int test = (int)Math.Ceiling(testFraction * shuffled.Length);
        int validation = (int)Math.Ceiling(validationFraction * shuffled.Length);
        return (shuffled[(test + validation)..], shuffled[test..(test + validation)], shuffled[..test]);
    }
}
