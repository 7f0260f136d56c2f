"""Exact UPGrad and MGDA weights for an ill-conditioned two-task Jacobian (tests/MultiTask.Tests/Internal/SharedGradientsTests.cs).

The Jacobian has integer entries, so its float32 representation is exact and its Gramian is computed exactly with
Python integers. The weights are then solved in float64 from the exact Gramian:
- MGDA (no normalisation), T = 2: w1 = clip((G22 - G12) / (G11 + G22 - 2 G12), 0, 1), w2 = 1 - w1
  (Sener and Koltun 2018, Algorithm 2).
- UPGrad (Quinton and Rey 2024, torchjd defaults norm_eps = reg_eps = 1e-4): for each i, v = argmin v^T A v subject to
  v >= u with u = e_i / 2 and A = G / trace(G) + 1e-4 I; the 2-variable box QP is solved by enumerating the four active
  sets and keeping the one that satisfies the KKT conditions; the weights are the sum of the two v.

Run: /usr/bin/python3 tests/reference/gramian_precision_reference.py
"""
import numpy as np

P = 4096


def jacobian():
    g1 = [((k * 7919) % 1001) - 500 for k in range(P)]
    e = [((k * 104729) % 21) - 10 for k in range(P)]
    g2 = [-a + b for a, b in zip(g1, e)]
    return g1, g2


def exact_gramian(rows):
    return [[sum(a * b for a, b in zip(r, s)) for s in rows] for r in rows]


def mgda(g):
    w1 = (g[1][1] - g[0][1]) / (g[0][0] + g[1][1] - 2 * g[0][1])
    w1 = min(1.0, max(0.0, w1))
    return np.array([w1, 1 - w1])


def box_qp_2(a, u):
    """argmin v^T a v subject to v >= u (two variables), by active sets."""
    best = None
    for active in [(True, True), (True, False), (False, True), (False, False)]:
        v = np.array(u, dtype=np.float64)
        free = [i for i in range(2) if not active[i]]
        fixed = [i for i in range(2) if active[i]]
        if free:
            af = a[np.ix_(free, free)]
            rhs = -a[np.ix_(free, fixed)] @ v[fixed] if fixed else np.zeros(len(free))
            v[free] = np.linalg.solve(af, rhs)
        grad = 2 * a @ v
        if all(v[i] >= u[i] - 1e-15 for i in free) and all(grad[i] >= -1e-15 for i in fixed) \
                and all(abs(grad[i]) < 1e-12 for i in free):
            best = v
            break
    return best


def upgrad(g):
    g = np.array(g, dtype=np.float64)
    a = g / np.trace(g) + 1e-4 * np.eye(2)
    w = np.zeros(2)
    for i in range(2):
        u = np.zeros(2)
        u[i] = 0.5
        w += box_qp_2(a, u)
    return w


def main():
    rows = jacobian()
    g = exact_gramian(rows)
    cosine = g[0][1] / (g[0][0] * g[1][1]) ** 0.5
    print("exact Gramian:", g)
    print(f"cosine: {cosine:.6f}")
    print("MGDA weights:", " ".join(repr(float(x)) for x in mgda(g)))
    print("UPGrad weights:", " ".join(repr(float(x)) for x in upgrad(g)))
    j32 = np.array(rows, dtype=np.float32)
    g32 = (j32 @ j32.T).astype(np.float64)
    print("float32 Gramian:", g32.tolist())
    print("MGDA weights from the float32 Gramian:", mgda(g32.tolist()).tolist())
    print("UPGrad weights from the float32 Gramian:", upgrad(g32).tolist())


if __name__ == "__main__":
    main()
