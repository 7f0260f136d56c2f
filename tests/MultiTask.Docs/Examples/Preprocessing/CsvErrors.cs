using MultiTask.Docs.Tool;
using MultiTask.Tabular;

namespace MultiTask.Docs.Examples.Preprocessing;

/// <summary>The CSV error messages of docs/preprocessing.md ("Reading a CSV"), from two bad files.</summary>
internal static class CsvErrors
{
    [DocExample("preprocessing-csv-errors")]
    public static void Run()
    {
        // Line 17 (the header is line 1) has 'abc' in the numeric column 'age'.
        string[] ages = [.. Enumerable.Range(0, 16).Select(i => i == 15 ? "abc" : (20 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        File.WriteAllText("x.csv", "age\n" + string.Join('\n', ages) + "\n");
        Print(() => TabularCsv.Read("x.csv", new CsvReadOptions { CategoricalColumns = [] }));

        // Line 3 has one field where the header has two.
        File.WriteAllText("x.csv", "a,b\n1,2\n3\n");
        Print(() => TabularCsv.Read("x.csv", new CsvReadOptions()));
    }

    private static void Print(Func<TabularData> read)
    {
        try
        {
            read();
            Console.WriteLine("no error");
        }
        catch (FormatException e)
        {
            Console.WriteLine(e.Message);
        }
    }
}
