namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Exact k-nearest-neighbour distances of every point of a 2-D sample to the others under the Chebyshev (max) norm,
/// with a KD-tree: median splits on the wider dimension, tight bounding boxes, depth-first search nearest child first
/// and pruning on the box distance. O(n log n) for the build and about O(log n) per query, instead of the O(n²) of
/// brute force. The buffers are reused across calls (one instance per worker thread).
/// </summary>
internal sealed class ChebyshevKnn2D
{
    private const int LeafSize = 16;

    private double[] _xs = [];
    private double[] _ys = [];
    private int[] _index = [];
    private int[] _lo = [];
    private int[] _hi = [];
    private int[] _left = [];
    private int[] _right = [];
    private double[] _minX = [];
    private double[] _maxX = [];
    private double[] _minY = [];
    private double[] _maxY = [];
    private int _nodes;

    private double[] _best = [];
    private int _k;
    private double _qx;
    private double _qy;
    private int _self;
    private int _skipLeaf;

    /// <summary>
    /// For each point i, the distance max(|x_i − x_j|, |y_i − y_j|) to its k-th nearest other point j (the point
    /// itself excluded by index, duplicates counted at distance 0) — scikit-learn's
    /// <c>NearestNeighbors(metric="chebyshev").kneighbors()[0][:, -1]</c>.
    /// </summary>
    /// <param name="x">First coordinate, n values.</param>
    /// <param name="y">Second coordinate, n values.</param>
    /// <param name="k">The neighbour rank, 1 ≤ k &lt; n.</param>
    /// <param name="result">Receives n distances.</param>
    public void KthNeighbourDistances(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k, Span<double> result)
    {
        int n = x.Length;
        if (k < 1 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} needs at least k + 1 = {k + 1} points; got {n}.");
        }

        Prepare(n, k);
        x.CopyTo(_xs);
        y.CopyTo(_ys);
        for (int i = 0; i < n; i++)
        {
            _index[i] = i;
        }

        _nodes = 0;
        Build(0, n);

        for (int leaf = 0; leaf < _nodes; leaf++)
        {
            if (_left[leaf] >= 0)
            {
                continue;
            }

            _skipLeaf = leaf;
            for (int p = _lo[leaf]; p < _hi[leaf]; p++)
            {
                _qx = _xs[p];
                _qy = _ys[p];
                _self = p;
                Array.Fill(_best, double.PositiveInfinity, 0, _k);
                ScanLeaf(leaf);
                Search(0);
                result[_index[p]] = _best[_k - 1];
            }
        }
    }

    private void Prepare(int n, int k)
    {
        if (_xs.Length < n)
        {
            _xs = new double[n];
            _ys = new double[n];
            _index = new int[n];
            // Every split leaves at least LeafSize/2 points per leaf, so there are at most 2n/(LeafSize/2) nodes.
            int maxNodes = (2 * (n / (LeafSize / 2))) + 2;
            _lo = new int[maxNodes];
            _hi = new int[maxNodes];
            _left = new int[maxNodes];
            _right = new int[maxNodes];
            _minX = new double[maxNodes];
            _maxX = new double[maxNodes];
            _minY = new double[maxNodes];
            _maxY = new double[maxNodes];
        }

        if (_best.Length < k)
        {
            _best = new double[k];
        }

        _k = k;
    }

    private int Build(int lo, int hi)
    {
        int node = _nodes++;
        _lo[node] = lo;
        _hi[node] = hi;
        double minX = double.PositiveInfinity;
        double maxX = double.NegativeInfinity;
        double minY = double.PositiveInfinity;
        double maxY = double.NegativeInfinity;
        for (int i = lo; i < hi; i++)
        {
            double vx = _xs[i];
            double vy = _ys[i];
            if (vx < minX)
            {
                minX = vx;
            }

            if (vx > maxX)
            {
                maxX = vx;
            }

            if (vy < minY)
            {
                minY = vy;
            }

            if (vy > maxY)
            {
                maxY = vy;
            }
        }

        _minX[node] = minX;
        _maxX[node] = maxX;
        _minY[node] = minY;
        _maxY[node] = maxY;
        if (hi - lo <= LeafSize)
        {
            _left[node] = -1;
            _right[node] = -1;
            return node;
        }

        int mid = (lo + hi) >>> 1;
        Select(maxY - minY > maxX - minX ? _ys : _xs, lo, hi - 1, mid);
        _left[node] = Build(lo, mid);
        _right[node] = Build(mid, hi);
        return node;
    }

    /// <summary>Partial sort (Wirth/Hoare selection) so that position k holds the k-th smallest key of [left, right].</summary>
    private void Select(double[] key, int left, int right, int k)
    {
        while (right > left)
        {
            double pivot = MedianOfThree(key[left], key[(left + right) >>> 1], key[right]);
            int i = left;
            int j = right;
            while (i <= j)
            {
                while (key[i] < pivot)
                {
                    i++;
                }

                while (key[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    Swap(i, j);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
    }

    private static double MedianOfThree(double a, double b, double c)
        => a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));

    private void Swap(int i, int j)
    {
        (_xs[i], _xs[j]) = (_xs[j], _xs[i]);
        (_ys[i], _ys[j]) = (_ys[j], _ys[i]);
        (_index[i], _index[j]) = (_index[j], _index[i]);
    }

    private double BoxDistance(int node)
    {
        double dx = Math.Max(Math.Max(_minX[node] - _qx, _qx - _maxX[node]), 0.0);
        double dy = Math.Max(Math.Max(_minY[node] - _qy, _qy - _maxY[node]), 0.0);
        return Math.Max(dx, dy);
    }

    private void Search(int node)
    {
        int left = _left[node];
        if (left < 0)
        {
            if (node != _skipLeaf)
            {
                ScanLeaf(node);
            }

            return;
        }

        int right = _right[node];
        double dl = BoxDistance(left);
        double dr = BoxDistance(right);
        if (dl <= dr)
        {
            if (dl < _best[_k - 1])
            {
                Search(left);
            }

            if (dr < _best[_k - 1])
            {
                Search(right);
            }
        }
        else
        {
            if (dr < _best[_k - 1])
            {
                Search(right);
            }

            if (dl < _best[_k - 1])
            {
                Search(left);
            }
        }
    }

    private void ScanLeaf(int node)
    {
        var best = _best;
        int last = _k - 1;
        for (int p = _lo[node]; p < _hi[node]; p++)
        {
            if (p == _self)
            {
                continue;
            }

            double d = Math.Max(Math.Abs(_xs[p] - _qx), Math.Abs(_ys[p] - _qy));
            if (d < best[last])
            {
                int t = last;
                while (t > 0 && best[t - 1] > d)
                {
                    best[t] = best[t - 1];
                    t--;
                }

                best[t] = d;
            }
        }
    }
}
