namespace MultiTask.Tabular.Tests.Splitting;

/// <summary>
/// Test folds printed by tests/reference/splitting_reference.py (scikit-learn 1.2.1, numpy 1.24.2, Debian's
/// /usr/bin/python3) on the first rows of tests/data/adult/adult.data.gz: for every row, the fold that tests it.
/// Rerun the script to check them.
/// </summary>
internal static class SklearnSplitReference
{
    // scikit-learn 1.2.1, numpy 1.24.2
    public static readonly int[] KFold5Of23 = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];
    public static readonly int[] KFold4Of10 = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3];
    public static readonly int[] StratifiedKFold5IncomeFirst60 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 2, 1, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    public static readonly int[] StratifiedKFold4RelationshipFirst60 = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2, 2, 1, 2, 2, 2, 2, 3, 1, 2, 2, 2, 2, 2, 3, 2, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    public static readonly int[] StratifiedKFold3EducationNumFirst40 = [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 2, 0, 1, 0, 2, 0, 1, 2, 1, 1, 2, 2, 0, 2, 2, 1, 0, 2, 1, 1, 2, 2, 2, 2, 2];
    public static readonly int[] GroupKFold4EducationFirst60 = [1, 1, 0, 3, 1, 3, 1, 0, 3, 1, 2, 1, 1, 2, 3, 2, 0, 0, 3, 3, 3, 0, 1, 3, 0, 1, 0, 2, 0, 0, 2, 2, 1, 2, 2, 3, 2, 0, 2, 2, 1, 1, 1, 0, 0, 1, 0, 3, 3, 3, 2, 0, 2, 1, 0, 2, 3, 3, 0, 0];
    public static readonly int[] GroupKFold3AgeFirst40 = [1, 2, 0, 0, 2, 0, 2, 2, 1, 1, 0, 0, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 1, 0, 2, 0, 0, 1, 2, 2, 1, 1, 0, 0, 1, 2, 0, 1, 1];
    public static readonly int[] GroupKFold5MaritalStatusFirst200 = [1, 0, 2, 0, 0, 0, 4, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 2, 0, 3, 0, 0, 2, 0, 1, 0, 2, 0, 1, 1, 2, 0, 0, 1, 1, 3, 0, 0, 0, 0, 0, 3, 1, 0, 0, 2, 0, 1, 0, 1, 0, 2, 2, 0, 0, 0, 0, 0, 0, 4, 0, 0, 2, 0, 2, 0, 0, 1, 1, 3, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 2, 2, 0, 0, 1, 1, 0, 2, 2, 0, 0, 1, 0, 0, 2, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 2, 1, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 4, 0, 2, 2, 1, 1, 1, 2, 0, 1, 3, 2, 3, 2, 1, 2, 1, 0, 2, 1, 4, 1, 4, 1, 0, 0, 1, 0, 4, 1, 1, 1, 0, 0, 2, 1, 0, 0, 0, 2, 2, 0, 0, 2, 0, 0, 0, 0, 0, 2, 1, 0, 1];
}
