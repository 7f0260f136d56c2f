using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>Column look-ups and table rebuilding shared by the preprocessing steps; errors name the column and the step.</summary>
internal static class StepColumns
{
    /// <summary>The named columns (checked to be numeric), or every numeric column when <paramref name="names"/> is null.</summary>
    public static string[] Numeric(TabularData data, IReadOnlyList<string>? names, string step)
        => Resolve(data, names, step, numeric: true);

    /// <summary>The named columns (checked to be categorical), or every categorical column when <paramref name="names"/> is null.</summary>
    public static string[] Categorical(TabularData data, IReadOnlyList<string>? names, string step)
        => Resolve(data, names, step, numeric: false);

    /// <summary>The named columns, numeric or categorical, or every column when <paramref name="names"/> is null.</summary>
    public static string[] Any(TabularData data, IReadOnlyList<string>? names, string step)
    {
        var result = names?.ToArray() ?? data.ColumnNames.ToArray();
        CheckUnique(result, step);
        foreach (var name in result)
        {
            _ = Column(data, name, step);
        }

        return result;
    }

    /// <summary>A column the step needs; an <see cref="ArgumentException"/> naming it when absent.</summary>
    public static TabularColumn Column(TabularData data, string name, string step)
        => data.Contains(name) ? data[name] : throw new ArgumentException($"Column '{name}', which the {step} uses, is not in the table.", nameof(data));

    /// <summary>A numeric column the step needs.</summary>
    public static NumericColumn NumericColumn(TabularData data, string name, string step)
        => Column(data, name, step) as NumericColumn
            ?? throw new ArgumentException($"Column '{name}' is categorical; the {step} needs a numeric column.", nameof(data));

    /// <summary>A categorical column the step needs.</summary>
    public static CategoricalColumn CategoricalColumn(TabularData data, string name, string step)
        => Column(data, name, step) as CategoricalColumn
            ?? throw new ArgumentException($"Column '{name}' is numeric; the {step} needs a categorical column.", nameof(data));

    /// <summary>
    /// A new table: each column named in <paramref name="replacements"/> is replaced, in place, by its replacement
    /// columns (none drops it, several expand it); the other columns stay; <paramref name="appended"/> go at the end.
    /// </summary>
    public static TabularData Replace(TabularData data, IReadOnlyDictionary<string, TabularColumn[]> replacements, IEnumerable<TabularColumn>? appended = null)
    {
        var columns = new List<TabularColumn>(data.Columns.Count + replacements.Count);
        foreach (var column in data.Columns)
        {
            if (replacements.TryGetValue(column.Name, out var replacement))
            {
                columns.AddRange(replacement);
            }
            else
            {
                columns.Add(column);
            }
        }

        if (appended is not null)
        {
            columns.AddRange(appended);
        }

        return new TabularData(columns);
    }

    private static string[] Resolve(TabularData data, IReadOnlyList<string>? names, string step, bool numeric)
    {
        if (names is null)
        {
            return data.Columns.Where(c => c is NumericColumn == numeric).Select(c => c.Name).ToArray();
        }

        var result = names.ToArray();
        CheckUnique(result, step);
        foreach (var name in result)
        {
            _ = numeric ? NumericColumn(data, name, step) : (TabularColumn)CategoricalColumn(data, name, step);
        }

        return result;
    }

    private static void CheckUnique(string[] names, string step)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name is null || !seen.Add(name))
            {
                throw new ArgumentException($"The {step}'s column list {(name is null ? "holds a null name" : $"names '{name}' twice")}.", nameof(names));
            }
        }
    }
}
