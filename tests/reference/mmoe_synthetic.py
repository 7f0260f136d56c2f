"""PyTorch peer of the MMoE synthetic benchmark (Ma et al., KDD 2018, section 3.2; mtl-methods.md 5.1).

Trains shared-bottom, OMoE and MMoE in PyTorch on the very rows the library's benchmark used and prints the same tables,
then the library's and PyTorch's MMoE - shared-bottom side by side:
  dotnet run -c Release --project tests/MultiTask.Benchmarks -- --mmoe-synthetic --seeds 5 --export /tmp/mmoe_syn
  OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=2 /usr/bin/python3 tests/reference/mmoe_synthetic.py /tmp/mmoe_syn
The export holds p<p>_seed<s>.f32 (float32 rows: the d features, then the two targets; the first trainRows rows are the
training split, then validation, then test, as in the benchmark), settings.json (sizes and training settings) and
library.json (the library's test MSE per architecture, p, seed and task).

Models (the benchmark's): shared-bottom = Linear(d, 113)-ReLU shared by two towers Linear(113, 8)-ReLU-Linear(8, 1);
OMoE = 8 experts Linear(d, 16)-ReLU (computed as one Linear(d, 128)) mixed by one softmax gate (Linear(d, 8), no bias) for both tasks, towers
Linear(16, 8)-ReLU-Linear(8, 1); MMoE = the same experts with one gate per task. PyTorch's default initialisation (the
library's is the same distribution: weights and biases uniform in +-1/sqrt(fan_in)), not the same draws. Training:
Adam lr 1e-3 (betas 0.9/0.999, eps 1e-8), batch 128 reshuffled every epoch, loss = sum of the two tasks' mean squared
errors, at most maxEpochs epochs, early stopping on that sum over the validation rows (an epoch improves when it is
lower than the best so far; patience 10), the best weights restored. Model seed 100 + s, shuffle seed 200 + s.
Tested with python3-torch 1.13 (Debian).
"""
import argparse
import copy
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn


def tower(width, units):
    return nn.Sequential(nn.Linear(width, units), nn.ReLU(), nn.Linear(units, 1))


class SharedBottom(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(s["features"], s["sharedBottomUnits"]), nn.ReLU())
        self.towers = nn.ModuleList(tower(s["sharedBottomUnits"], s["towerUnits"]) for _ in range(s["tasks"]))

    def forward(self, x):
        z = self.trunk(x)
        return [t(z).squeeze(-1) for t in self.towers]


class MixtureOfExperts(nn.Module):
    """MMoE (one gate per task) or, with gates=1, OMoE (one gate shared by every task)."""

    def __init__(self, s, gates):
        super().__init__()
        d, e, u = s["features"], s["experts"], s["expertUnits"]
        # The e experts Linear(d, u)-ReLU as one Linear(d, e u) (rows e u .. e u + u - 1 are expert e): the same model
        # and the same initial distribution (fan-in d either way), in one matrix product instead of e.
        self.experts, self.shape = nn.Sequential(nn.Linear(d, e * u), nn.ReLU()), (e, u)
        self.gates = nn.ModuleList(nn.Linear(d, e, bias=False) for _ in range(gates))
        self.towers = nn.ModuleList(tower(u, s["towerUnits"]) for _ in range(s["tasks"]))

    def forward(self, x):
        experts = self.experts(x).view(x.shape[0], *self.shape)  # rows x experts x units
        outputs = []
        for t, head in enumerate(self.towers):
            gate = torch.softmax(self.gates[min(t, len(self.gates) - 1)](x), dim=-1)
            outputs.append(head((gate.unsqueeze(-1) * experts).sum(dim=1)).squeeze(-1))
        return outputs


ARCHITECTURES = {
    "shared-bottom": SharedBottom,
    "OMoE": lambda s: MixtureOfExperts(s, gates=1),
    "MMoE": lambda s: MixtureOfExperts(s, gates=s["tasks"]),
}


def losses(net, x, y):
    with torch.no_grad():
        return [float(((out - y[:, t]) ** 2).mean()) for t, out in enumerate(net(x))]


def fit(net, train, validation, s, seed):
    """Adam, shuffled mini-batches, early stopping on the summed validation MSE; returns (epochs run, best epoch)."""
    x, y = train
    optimizer = torch.optim.Adam(net.parameters(), lr=s["learningRate"])
    generator = torch.Generator().manual_seed(200 + seed)
    best, best_state, best_epoch, since, epoch = math.inf, None, 0, 0, 0
    for epoch in range(1, s["maxEpochs"] + 1):
        order = torch.randperm(x.shape[0], generator=generator)
        for start in range(0, x.shape[0], s["batchSize"]):
            rows = order[start:start + s["batchSize"]]
            loss = sum(((out - y[rows, t]) ** 2).mean() for t, out in enumerate(net(x[rows])))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        value = sum(losses(net, *validation))
        if value < best:
            best, best_state, best_epoch, since = value, copy.deepcopy(net.state_dict()), epoch, 0
        else:
            since += 1
            if since >= s["patience"]:
                break
    net.load_state_dict(best_state)
    return epoch, best_epoch


def mean_sd(values, signed=False):
    v = np.asarray(values, dtype=np.float64)
    sd = v.std(ddof=1) if len(v) > 1 else 0.0
    return f"{v.mean():+.4f} ± {sd:.4f}" if signed else f"{v.mean():.4f} ± {sd:.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="the folder written by the benchmark's --mmoe-synthetic --export")
    args = parser.parse_args()
    folder = Path(args.folder)
    s = json.loads((folder / "settings.json").read_text())
    torch.set_num_threads(s["threads"])
    columns = s["features"] + s["tasks"]
    n_train, n_validation, n_test = s["trainRows"], s["validationRows"], s["testRows"]
    print(f"PyTorch {torch.__version__} peer of the MMoE synthetic benchmark; data and settings from {folder}: "
          f"{s['constants']['source']}, m = {s['constants']['sineTerms']}, c = {s['constants']['scale']}, noise std {s['constants']['noise']}; "
          f"{n_train:,} / {n_validation:,} / {n_test:,} rows; Adam lr {s['learningRate']}, batch {s['batchSize']}, "
          f"at most {s['maxEpochs']} epochs, patience {s['patience']}; {s['threads']} threads.\n")
    results = {}
    clock = time.time()
    for p in s["correlations"]:
        for seed in s["seeds"]:
            data = np.fromfile(folder / f"p{p:.1f}_seed{seed}.f32", dtype="<f4").reshape(-1, columns)
            x, y = torch.from_numpy(data[:, :s["features"]].copy()), torch.from_numpy(data[:, s["features"]:].copy())
            train = (x[:n_train], y[:n_train])
            validation = (x[n_train:n_train + n_validation], y[n_train:n_train + n_validation])
            test = (x[n_train + n_validation:], y[n_train + n_validation:])
            for name, create in ARCHITECTURES.items():
                torch.manual_seed(100 + seed)
                net = create(s)
                epochs, best_epoch = fit(net, train, validation, s, seed)
                task1, task2 = losses(net, *test)
                results.setdefault((p, name), []).append((task1, task2))
                print(f"  p = {p:.1f} seed {seed} {name:<13}: test MSE {task1:.4f} / {task2:.4f} (average {(task1 + task2) / 2:.4f}), "
                      f"{epochs} epochs (best {best_epoch}), {time.time() - clock:.0f} s elapsed", flush=True)

    print(f"\nTest MSE, mean ± sd over {len(s['seeds'])} seeds (PyTorch):\n")
    print("| p | architecture | task 1 | task 2 | average |")
    print("|---|---|---|---|---|")
    for p in s["correlations"]:
        for name in ARCHITECTURES:
            rows = results[(p, name)]
            print(f"| {p:.1f} | {name} | {mean_sd([r[0] for r in rows])} | {mean_sd([r[1] for r in rows])} | {mean_sd([(r[0] + r[1]) / 2 for r in rows])} |")

    library = {}
    for row in json.loads((folder / "library.json").read_text()):
        library.setdefault((row["p"], row["architecture"]), {})[row["seed"]] = (row["task1"] + row["task2"]) / 2

    def average(p, name):
        return [(r[0] + r[1]) / 2 for r in results[(p, name)]]

    print("\nMMoE - shared-bottom, average test MSE per seed (negative: MMoE better), mean ± sd of the paired differences, "
          "and the standard error; PyTorch next to the library:\n")
    print("| p | PyTorch: MMoE - SB | SE | MMoE better in | library: MMoE - SB | SE | MMoE better in |")
    print("|---|---|---|---|---|---|---|")
    gaps = {}
    for p in s["correlations"]:
        torch_d = np.subtract(average(p, "MMoE"), average(p, "shared-bottom"))
        lib_d = np.array([library[(p, "MMoE")][seed] - library[(p, "shared-bottom")][seed] for seed in s["seeds"]])
        gaps[p] = (torch_d, lib_d)
        se = lambda d: d.std(ddof=1) / math.sqrt(len(d)) if len(d) > 1 else 0.0
        print(f"| {p:.1f} | {mean_sd(torch_d, signed=True)} | {se(torch_d):.4f} | {(torch_d <= 0).sum()} of {len(torch_d)} | "
              f"{mean_sd(lib_d, signed=True)} | {se(lib_d):.4f} | {(lib_d <= 0).sum()} of {len(lib_d)} |")
    low, high = min(s["correlations"]), max(s["correlations"])
    for side, index in (("PyTorch", 0), ("library", 1)):
        shrink = gaps[low][index] - gaps[high][index]
        print(f"\n{side}: gap(p = {low}) - gap(p = {high}) per seed = {mean_sd(shrink, signed=True)} "
              f"(standard error {shrink.std(ddof=1) / math.sqrt(len(shrink)) if len(shrink) > 1 else 0.0:.4f}; negative: the gap shrinks as p rises)")
    print(f"\nTotal {time.time() - clock:.0f} s.")


if __name__ == "__main__":
    main()
