using MultiTask.Docs.Tool;

// The docs tool (see README.md):
//   dotnet run -c Release --project tests/MultiTask.Docs -- --update   rewrite the blocks of docs/*.md from the code
//   dotnet run -c Release --project tests/MultiTask.Docs -- --check    exit 1 and print a diff when a page is stale
string mode = args.Length == 1 ? args[0] : string.Empty;
if (mode is not ("--update" or "--check"))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/MultiTask.Docs -- --update | --check");
    return 2;
}

string root = RepositoryPaths.Root(Environment.CurrentDirectory);
var site = DocsSite.Load(root, line => Console.Error.WriteLine(line));
int problems = 0;
foreach (string page in RepositoryPaths.Pages(root))
{
    var check = site.Check(page);
    problems += check.Errors.Count;
    if (check.Errors.Count > 0)
    {
        Console.WriteLine(string.Join("\n", check.Errors));
    }

    if (check.Differences.Count == 0)
    {
        continue;
    }

    if (mode == "--update")
    {
        string path = Path.Combine(root, page);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, check.Expected);
        File.Move(temporary, path, overwrite: true);
        Console.WriteLine($"{page}: {check.Differences.Count} block(s) updated");
    }
    else
    {
        problems += check.Differences.Count;
        Console.WriteLine(string.Join("\n\n", check.Differences));
    }
}

var unused = site.Unused();
foreach (string item in unused)
{
    Console.WriteLine($"not shown on any page: {item}");
}

problems += unused.Count;
Console.WriteLine(problems == 0 ? "docs are up to date" : $"{problems} problem(s)");
return problems == 0 ? 0 : 1;
