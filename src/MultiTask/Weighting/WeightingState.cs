using System.Globalization;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// The state of one training run of a weighting method: named per-task vectors, T×T matrices, counters, tensor buffers
/// ([T, P], e.g. gradient averages) and learnable per-task vectors. The trainer creates it from the method
/// (<see cref="WeightingMethod.CreateState"/>), passes it to every call, saves it in checkpoints as one JSON form
/// (<see cref="ToJson"/>, <see cref="Load"/>) and disposes it; the method itself holds no state, so one method object
/// can serve several trainers.
/// </summary>
/// <remarks>
/// Entries other than learnable vectors are created on first use: <see cref="Vector"/>, <see cref="Matrix"/> and
/// <see cref="Buffer"/> return the stored value, or a new one filled with the initial value. Learnable vectors must be
/// added in <see cref="WeightingMethod.InitializeState"/>, before the trainer builds its optimiser. Buffers are owned by
/// the state (detached from every dispose scope) and freed by <see cref="Dispose"/>.
/// </remarks>
public sealed class WeightingState : IDisposable
{
    private static readonly string[] Groups = ["vectors", "matrices", "counters", "buffers", "learned"];
    private readonly SortedDictionary<string, double[]> _vectors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double[,]> _matrices = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Tensor> _buffers = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, Parameter>> _learned = [];

    internal WeightingState(string method, WeightingSetup setup)
    {
        Method = method;
        Setup = setup;
    }

    /// <summary>The name of the method the state belongs to, for messages.</summary>
    public string Method { get; }

    /// <summary>The run's task count, task names, device and seed.</summary>
    public WeightingSetup Setup { get; }

    /// <summary>The number of tasks T.</summary>
    public int TaskCount => Setup.TaskCount;

    /// <summary>The learnable vectors, in the order they were added; the trainer optimises them with the model.</summary>
    public IReadOnlyList<Parameter> Parameters => _learned.Select(l => l.Value).ToArray();

    /// <summary>The per-task vector <paramref name="name"/> (length T), created filled with <paramref name="initial"/> on first use; changes to the array are the state.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="initial">The value of every entry when the vector is created.</param>
    public double[] Vector(string name, double initial = 0.0)
    {
        if (!_vectors.TryGetValue(name, out var values))
        {
            values = Enumerable.Repeat(initial, TaskCount).ToArray();
            _vectors[name] = values;
        }

        return values;
    }

    /// <summary>The per-task vector <paramref name="name"/>, or null when it was never set.</summary>
    /// <param name="name">The entry's name.</param>
    public double[]? FindVector(string name) => _vectors.GetValueOrDefault(name);

    /// <summary>Stores a copy of <paramref name="values"/> as the per-task vector <paramref name="name"/>.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="values">One value per task.</param>
    /// <exception cref="ArgumentException">The length is not T.</exception>
    public void SetVector(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != TaskCount)
        {
            throw new ArgumentException($"{Method} state '{name}' must have one value per task ({TaskCount}); got {values.Count}.", nameof(values));
        }

        _vectors[name] = values.ToArray();
    }

    /// <summary>The T×T matrix <paramref name="name"/>, created filled with <paramref name="initial"/> on first use; changes to the array are the state.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="initial">The value of every entry when the matrix is created.</param>
    public double[,] Matrix(string name, double initial = 0.0)
    {
        if (!_matrices.TryGetValue(name, out var matrix))
        {
            matrix = new double[TaskCount, TaskCount];
            for (int i = 0; i < TaskCount; i++)
            {
                for (int j = 0; j < TaskCount; j++)
                {
                    matrix[i, j] = initial;
                }
            }

            _matrices[name] = matrix;
        }

        return matrix;
    }

    /// <summary>The counter <paramref name="name"/> (0 until incremented).</summary>
    /// <param name="name">The entry's name.</param>
    public long Counter(string name) => _counters.GetValueOrDefault(name);

    /// <summary>Adds one to the counter <paramref name="name"/>.</summary>
    /// <param name="name">The entry's name.</param>
    /// <returns>The new count.</returns>
    public long Increment(string name) => _counters[name] = Counter(name) + 1;

    /// <summary>
    /// The tensor buffer <paramref name="name"/>, created as zeros shaped like <paramref name="like"/> on first use. A
    /// buffer with another shape is refused: it belongs to another model or gradient source.
    /// </summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="like">A tensor of the shape, type and device the buffer must have (e.g. this step's [T, P] gradients).</param>
    /// <exception cref="InvalidOperationException">The stored buffer has another shape.</exception>
    public Tensor Buffer(string name, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        if (!_buffers.TryGetValue(name, out var buffer))
        {
            using var scope = torch.NewDisposeScope();
            return SetBuffer(name, torch.zeros_like(like));
        }

        if (!buffer.shape.SequenceEqual(like.shape))
        {
            throw new InvalidOperationException(
                $"{Method} keeps '{name}' of shape [{string.Join(", ", buffer.shape)}], but this step's tensor has shape " +
                $"[{string.Join(", ", like.shape)}]; the state belongs to another model or gradient source.");
        }

        return buffer;
    }

    /// <summary>The tensor buffer <paramref name="name"/>, or null when it was never set.</summary>
    /// <param name="name">The entry's name.</param>
    public Tensor? FindBuffer(string name) => _buffers.GetValueOrDefault(name);

    /// <summary>Stores <paramref name="value"/> as the buffer <paramref name="name"/>: the state takes it out of its dispose scope and frees the buffer it replaces.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="value">The new buffer, not attached to an autograd graph.</param>
    /// <returns><paramref name="value"/>, now owned by the state (valid until replaced or disposed).</returns>
    public Tensor SetBuffer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.DetachFromDisposeScope();
        if (_buffers.TryGetValue(name, out var previous) && !ReferenceEquals(previous, value))
        {
            previous.Dispose();
        }

        _buffers[name] = value;
        return value;
    }

    /// <summary>Adds a learnable per-task vector (float32, length T), optimised with the model. Call it from <see cref="WeightingMethod.InitializeState"/>.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="initial">The initial value of every entry.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="InvalidOperationException">A learnable vector of that name exists.</exception>
    public Parameter AddLearned(string name, double initial)
    {
        if (_learned.Any(l => l.Key == name))
        {
            throw new InvalidOperationException($"{Method} state already has a learnable vector '{name}'.");
        }

        using var scope = torch.NewDisposeScope();
        using var value = initial.ToScalar();
        var parameter = new Parameter(torch.full(TaskCount, value, dtype: ScalarType.Float32, device: Setup.Device));
        parameter.DetachFromDisposeScope();
        _learned.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>The learnable vector <paramref name="name"/>.</summary>
    /// <param name="name">The entry's name.</param>
    /// <exception cref="InvalidOperationException">No learnable vector of that name was added.</exception>
    public Parameter Learned(string name)
        => _learned.FirstOrDefault(l => l.Key == name).Value
            ?? throw new InvalidOperationException($"{Method} state has no learnable vector '{name}'; add it in InitializeState.");

    /// <summary>The current values of the learnable vector <paramref name="name"/>.</summary>
    /// <param name="name">The entry's name.</param>
    public double[] LearnedValues(string name)
    {
        using var scope = torch.NewDisposeScope();
        return Learned(name).detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>
    /// The state as JSON: <c>{"vectors": {name: [..]}, "matrices": {name: [[..], ..]}, "counters": {name: n},
    /// "buffers": {name: {"shape": [..], "values": [..]}}, "learned": {name: [..]}}</c>, empty groups left out. Numbers
    /// round-trip exactly (float32 buffers and learned vectors through doubles).
    /// </summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        Add(json, "vectors", _vectors.Select(v => (v.Key, (JsonNode)Numbers(v.Value))));
        Add(json, "matrices", _matrices.Select(m => (m.Key, (JsonNode)new JsonArray(Enumerable.Range(0, m.Value.GetLength(0)).Select(i => (JsonNode)Numbers(Row(m.Value, i))).ToArray()))));
        Add(json, "counters", _counters.Select(c => (c.Key, (JsonNode)c.Value)));
        Add(json, "buffers", _buffers.Select(b => (b.Key, (JsonNode)new JsonObject { ["shape"] = new JsonArray(b.Value.shape.Select(d => (JsonNode)d).ToArray()), ["values"] = Numbers(Doubles(b.Value)) })));
        Add(json, "learned", _learned.Select(l => (l.Key, (JsonNode)Numbers(Doubles(l.Value)))));
        return json;
    }

    /// <summary>Replaces the state with one written by <see cref="ToJson"/>; on error the state is unchanged.</summary>
    /// <param name="json">The saved state.</param>
    /// <exception cref="FormatException">The JSON is malformed or does not fit T tasks or this method's learnable vectors; the message names the entry.</exception>
    public void Load(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        foreach (var (key, _) in json)
        {
            if (!Groups.Contains(key))
            {
                throw Malformed(key, $"a known entry group ({string.Join(", ", Groups)}); the state may come from an older version");
            }
        }

        var vectors = Entries(json, "vectors").ToDictionary(e => e.Key, e => Numbers(e.Value, e.Key, TaskCount));
        var matrices = Entries(json, "matrices").ToDictionary(e => e.Key, e => ToMatrix(e.Value, e.Key));
        var counters = Entries(json, "counters").ToDictionary(e => e.Key, e => e.Value is JsonValue v && v.TryGetValue(out long n) ? n : throw Malformed(e.Key, "an integer"));
        var learned = Entries(json, "learned").ToDictionary(e => e.Key, e => Numbers(e.Value, e.Key, TaskCount));
        var names = _learned.Select(l => l.Key).Order(StringComparer.Ordinal);
        if (!names.SequenceEqual(learned.Keys.Order(StringComparer.Ordinal)))
        {
            throw new FormatException($"{Method} state has learnable vectors [{string.Join(", ", learned.Keys)}]; this method has [{string.Join(", ", names)}].");
        }

        var buffers = Entries(json, "buffers").Select(e => (e.Key, Shape: BufferShape(e.Value, e.Key), Values: Numbers(e.Value?["values"], e.Key, null))).ToArray();
        foreach (var (key, shape, values) in buffers)
        {
            if (values.LongLength != shape.Aggregate(1L, (a, b) => a * b))
            {
                throw Malformed(key, $"{shape.Aggregate(1L, (a, b) => a * b)} values for its shape");
            }
        }

        Clear(vectors, _vectors);
        Clear(matrices, _matrices);
        Clear(counters, _counters);
        foreach (var buffer in _buffers.Values)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
        foreach (var (key, shape, values) in buffers)
        {
            using var scope = torch.NewDisposeScope();
            SetBuffer(key, torch.tensor(values.Select(v => (float)v).ToArray(), device: Setup.Device).reshape(shape));
        }

        using (torch.no_grad())
        {
            foreach (var (key, parameter) in _learned)
            {
                using var scope = torch.NewDisposeScope();
                parameter.copy_(torch.tensor(learned[key].Select(v => (float)v).ToArray(), device: parameter.device));
            }
        }
    }

    /// <summary>Frees the buffers and learnable vectors. Idempotent.</summary>
    public void Dispose()
    {
        foreach (var tensor in _buffers.Values.Concat(_learned.Select(l => (Tensor)l.Value)))
        {
            tensor.Dispose();
        }

        _buffers.Clear();
        _learned.Clear();
    }

    private static void Clear<T>(Dictionary<string, T> source, SortedDictionary<string, T> target)
    {
        target.Clear();
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    private static void Add(JsonObject json, string group, IEnumerable<(string Key, JsonNode Value)> entries)
    {
        var node = new JsonObject();
        foreach (var (key, value) in entries)
        {
            node[key] = value;
        }

        if (node.Count > 0)
        {
            json[group] = node;
        }
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonObject json, string group) => json[group] switch
    {
        null => [],
        JsonObject entries => entries,
        _ => throw Malformed(group, "an object of named entries"),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static IEnumerable<double> Row(double[,] matrix, int i) => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]);

    private static double[] Doubles(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return tensor.detach().to(ScalarType.Float64).cpu().flatten().data<double>().ToArray();
    }

    private double[] Numbers(JsonNode? node, string key, int? length)
    {
        var values = (node as JsonArray ?? throw Malformed(key, "an array of numbers"))
            .Select(v => v is JsonValue value && value.TryGetValue(out double x) && double.IsFinite(x) ? x : throw Malformed(key, "finite numbers"))
            .ToArray();
        return length is int n && values.Length != n
            ? throw new FormatException($"{Method} state '{key}' has {values.Length} values; the trainer has {n} tasks.")
            : values;
    }

    private double[,] ToMatrix(JsonNode? node, string key)
    {
        var rows = (node as JsonArray ?? throw Malformed(key, "an array of rows")).Select(r => Numbers(r, key, TaskCount)).ToArray();
        if (rows.Length != TaskCount)
        {
            throw new FormatException($"{Method} state '{key}' has {rows.Length} rows; the trainer has {TaskCount} tasks.");
        }

        var matrix = new double[TaskCount, TaskCount];
        for (int i = 0; i < TaskCount; i++)
        {
            for (int j = 0; j < TaskCount; j++)
            {
                matrix[i, j] = rows[i][j];
            }
        }

        return matrix;
    }

    private long[] BufferShape(JsonNode? node, string key)
    {
        var shape = (node?["shape"] as JsonArray ?? throw Malformed(key, "an object with 'shape' and 'values'"))
            .Select(d => d is JsonValue value && value.TryGetValue(out long n) && n >= 0 ? n : throw Malformed(key, "a shape of non-negative integers"))
            .ToArray();
        return shape.Length == 0 || shape[0] != TaskCount
            ? throw new FormatException($"{Method} state '{key}' has shape [{string.Join(", ", shape)}]; expected [{TaskCount}, …] for {TaskCount} tasks.")
            : shape;
    }

    private FormatException Malformed(string key, string expected)
        => new(string.Create(CultureInfo.InvariantCulture, $"{Method} state '{key}' must be {expected}."));
}
