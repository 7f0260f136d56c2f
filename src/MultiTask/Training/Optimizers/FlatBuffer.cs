using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training.Optimizers;

/// <summary>
/// One contiguous tensor holding every parameter's values, and one holding every gradient: each parameter is re-pointed
/// (<c>set_</c>) to a view of the value buffer, and each gradient is a view of the gradient buffer, so an optimiser can
/// update all parameters with a few whole-buffer operations instead of a few per parameter.
/// </summary>
/// <remarks>
/// Only for CPU parameters of one floating dtype. The buffer does not rely on staying attached: <see cref="Attach"/>
/// checks each parameter (another trainer on the same model re-points the parameters to its own buffer) and each gradient
/// (autograd and gradient-based weighting methods may replace a gradient tensor) and re-attaches whatever moved, copying
/// the parameter's or gradient's current values, which always win.
/// </remarks>
internal sealed class FlatBuffer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _valueViews;
    private readonly Tensor[] _gradientViews;

    private FlatBuffer(Parameter[] parameters, Tensor values, Tensor gradients, Tensor[] valueViews, Tensor[] gradientViews)
    {
        _parameters = parameters;
        Values = values;
        Gradients = gradients;
        _valueViews = valueViews;
        _gradientViews = gradientViews;
        Offsets = new long[parameters.Length + 1];
        for (int i = 0; i < parameters.Length; i++)
        {
            Offsets[i + 1] = Offsets[i] + parameters[i].numel();
        }
    }

    /// <summary>How many times a gradient tensor was copied into the buffer because it was not a view of it; for tests.</summary>
    internal long GradientCopies { get; private set; }

    /// <summary>Where each parameter starts in the buffers, and (last) their total length.</summary>
    internal long[] Offsets { get; }

    /// <summary>All parameter values, flat.</summary>
    internal Tensor Values { get; }

    /// <summary>All gradients, flat (a parameter's slice is meaningful only while its gradient is attached).</summary>
    internal Tensor Gradients { get; }

    /// <summary>A flat buffer for the parameters, which are re-pointed to it; null when they are not all contiguous CPU tensors of one floating dtype.</summary>
    internal static FlatBuffer? TryCreate(Parameter[] parameters)
    {
        if (parameters.Length == 0 || parameters.Any(p => p.device_type != DeviceType.CPU || p.dtype != parameters[0].dtype || !p.is_contiguous())
            || !parameters[0].is_floating_point())
        {
            return null;
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        long total = parameters.Sum(p => p.numel());
        var values = torch.empty(total, dtype: parameters[0].dtype).DetachFromDisposeScope();
        var gradients = torch.zeros(total, dtype: parameters[0].dtype).DetachFromDisposeScope();
        var flat = new FlatBuffer(parameters, values, gradients, Slices(values, parameters), Slices(gradients, parameters));
        for (int i = 0; i < parameters.Length; i++)
        {
            flat.Adopt(i);
        }

        return flat;
    }

    /// <summary>Views of a flat buffer shaped as the parameters (owned by the caller).</summary>
    internal static Tensor[] Slices(Tensor flat, Parameter[] parameters)
    {
        using var scope = torch.NewDisposeScope();
        var views = new Tensor[parameters.Length];
        long offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            long n = parameters[i].numel();
            views[i] = flat.narrow(0, offset, n).view(parameters[i].shape).DetachFromDisposeScope();
            offset += n;
        }

        return views;
    }

    /// <summary>
    /// Re-attaches every parameter and every existing gradient that is not a view of the buffers (copying its values in);
    /// <paramref name="active"/> receives which parameters have a gradient.
    /// </summary>
    internal void Attach(bool[] active)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (!SameData(p, _valueViews[i]))
            {
                Adopt(i);
            }

            using var grad = p.grad;
            active[i] = grad is not null;
            if (grad is not null && !SameData(grad, _gradientViews[i]))
            {
                _gradientViews[i].copy_(grad);
                GradientCopies++;
                p.grad = _gradientViews[i];
            }
        }
    }

    /// <summary>Sets every gradient to zero; gradients that are null stay null.</summary>
    internal void ZeroGradients()
    {
        Gradients.zero_();
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var grad = _parameters[i].grad;
            if (grad is not null && !SameData(grad, _gradientViews[i]))
            {
                grad.zero_();
            }
        }
    }

    /// <summary>Frees the views and buffers; the parameters keep their storage alive.</summary>
    public void Dispose()
    {
        foreach (var t in _valueViews.Concat(_gradientViews))
        {
            t.Dispose();
        }

        Values.Dispose();
        Gradients.Dispose();
    }

    /// <summary>Whether two contiguous CPU tensors start at the same address.</summary>
    private static bool SameData(Tensor a, Tensor b)
        => a.numel() == b.numel() && Unsafe.AreSame(ref MemoryMarshal.GetReference(a.bytes), ref MemoryMarshal.GetReference(b.bytes));

    /// <summary>Copies parameter <paramref name="i"/>'s values into its slice and re-points the parameter to the slice.</summary>
    private void Adopt(int i)
    {
        using var noGrad = torch.no_grad();
        var p = _parameters[i];
        _valueViews[i].copy_(p);
        // In-place: TorchSharp returns the parameter itself, which must not be disposed.
        p.set_(_valueViews[i]);
    }
}
