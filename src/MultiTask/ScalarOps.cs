using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask;

/// <summary>
/// Tensor operations with a number, whose <see cref="Scalar"/> is created explicitly and disposed after the native call.
/// </summary>
/// <remarks>
/// TorchSharp converts a double or int argument (and <c>add(Tensor)</c>'s implicit alpha of 1) into a temporary, finalizable
/// Scalar that nothing references during the native call: a garbage collection at that moment frees it while libtorch
/// reads it ("Expected false to be true", "Unknown scalar type"). The <c>using</c> local here keeps each Scalar alive
/// until the call has returned. Use these in every code path a training step runs.
/// </remarks>
internal static class ScalarOps
{
    /// <summary>a + b (TorchSharp's <c>add(Tensor)</c> and <c>add(Scalar)</c> pass a hidden alpha Scalar).</summary>
    internal static Tensor Plus(this Tensor a, Tensor b)
    {
        using var one = 1.ToScalar();
        return a.add(b, one);
    }

    /// <summary>t + value.</summary>
    internal static Tensor PlusScalar(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        using var one = 1.ToScalar();
        return t.add(s, one);
    }

    /// <summary>t · value.</summary>
    internal static Tensor TimesScalar(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.mul(s);
    }

    /// <summary>t ← t · value, in place.</summary>
    internal static Tensor TimesScalarInPlace(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.mul_(s);
    }

    /// <summary>tᵛᵃˡᵘᵉ.</summary>
    internal static Tensor PowerScalar(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.pow(s);
    }

    /// <summary>max(t, value).</summary>
    internal static Tensor ClampMinScalar(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.clamp_min(s);
    }

    /// <summary>max(t, value) for integer tensors (keeps the integer dtype).</summary>
    internal static Tensor ClampMinScalar(this Tensor t, long value)
    {
        using var s = value.ToScalar();
        return t.clamp_min(s);
    }

    /// <summary>t &gt; value (element-wise).</summary>
    internal static Tensor GreaterThan(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.gt(s);
    }

    /// <summary>t &lt; value (element-wise).</summary>
    internal static Tensor LessThan(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.lt(s);
    }

    /// <summary>t ≠ value (element-wise), for integer tensors (token ids).</summary>
    internal static Tensor NotEqual(this Tensor t, long value)
    {
        using var s = value.ToScalar();
        return t.ne(s);
    }
}
