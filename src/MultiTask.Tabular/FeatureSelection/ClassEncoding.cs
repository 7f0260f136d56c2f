namespace MultiTask.Tabular.FeatureSelection;

/// <summary>Class labels recoded to 0..C−1 in ascending label order (NumPy's <c>np.unique</c> order), with class sizes.</summary>
internal sealed class ClassEncoding
{
    private ClassEncoding(int[] codes, int[] classes, int[] counts)
    {
        Codes = codes;
        Classes = classes;
        Counts = counts;
    }

    /// <summary>The class index of each row.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct labels, ascending.</summary>
    public int[] Classes { get; }

    /// <summary>The number of rows of each class.</summary>
    public int[] Counts { get; }

    public int ClassCount => Classes.Length;

    public static ClassEncoding Encode(IReadOnlyList<int> labels)
    {
        var classes = labels.Distinct().Order().ToArray();
        var index = new Dictionary<int, int>(classes.Length);
        for (int c = 0; c < classes.Length; c++)
        {
            index[classes[c]] = c;
        }

        var codes = new int[labels.Count];
        var counts = new int[classes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int c = index[labels[i]];
            codes[i] = c;
            counts[c]++;
        }

        return new ClassEncoding(codes, classes, counts);
    }
}
