"""PyTorch peer of samples/CensusMmoe: the same single-task, shared-bottom, MMoE and PLE models on the same data.

The data are the sample's own preprocessed splits (identical numbers, no re-implementation of the preprocessing):
  dotnet run -c Release --project samples/CensusMmoe -- --export /tmp/census      # writes train/validation/test.csv
  python3 tests/reference/census_mmoe.py /tmp/census
Each CSV has the features f0..f{d-1}, then one 0/1 column per task (income, never-married).

Same sizes as the sample: single-task = Linear(d, 64)-ReLU trunk + tower Linear(64, 8)-ReLU-Linear(8, 1), one model per
task; shared-bottom = the same trunk shared by two such towers; MMoE (Ma et al., KDD 2018) = 4 experts Linear(d, 16)-ReLU,
per task a gate softmax(W x) (no bias) over the experts and a tower Linear(16, 8)-ReLU-Linear(8, 1); PLE (class Ple)
= two levels of experts of 16 (d -> 16, then 16 -> 16), 2 shared and 1 per task at each level, the same towers. PyTorch's default
weight initialisation (the library's is the same distribution, not the same draws), biases set to 0 as the sample does
(zero_biases). Same training: Adam lr 1e-3 (betas 0.9/0.999, eps 1e-8, no weight decay), batch 128 reshuffled every
epoch, loss = sum over tasks of the mean binary cross-entropy with logits, up to 60 epochs (by default), early stopping on
that sum over the validation rows (an epoch improves when it is lower than the best so far; patience 4; the best weights
restored). Every model is trained from 2 starts (restarts; start r seeds torch with seed + 1000 r) and the start with the
lowest best validation loss is kept, as the sample does. Seeds 1, 2, 3 by default; one thread. Prints the sample's table:
test ROC AUC per task (scikit-learn) and Delta m vs single-task (Maninis et al., 2019), mean +- standard error.
The export's settings.json (if present) sets the epochs (100 with the sample's --full), batch, learning rate, patience,
restarts and seeds (the sample's --seeds N), so the peer always trains as the sample did.

Identical start (--init DIR, where DIR was written by the sample's --export-init DIR, which also exports the splits):
  dotnet run -c Release --project samples/CensusMmoe -- --export-init /tmp/census_init
  python3 tests/reference/census_mmoe.py /tmp/census_init --init /tmp/census_init
every model and restart starts from the library's freshly initialised weights (<stem>.safetensors, loaded with
load_state_dict(strict=True): the modules below carry the library's parameter names) and visits the rows in the
library's order of every epoch (order_seed<s>.csv); the per-epoch training and validation losses, the best epoch and the
test AUCs are printed next to the library's (<stem>.json) with the largest differences (float32 rounding differences
between libtorch versions stay ~1e-8 for epochs, then can grow once training wanders past its optimum).
Tested with python3-torch 1.13 and python3-sklearn 1.2 (Debian).
"""
import argparse
import copy
import json
import struct
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from torch import nn

TASKS = ["income", "never-married"]
SETTINGS = {"epochs": 60, "batchSize": 128, "learningRate": 1e-3, "patience": 4, "restarts": 2, "seeds": [1, 2, 3]}


def load(folder, name):
    data = np.loadtxt(f"{folder}/{name}.csv", delimiter=",", skiprows=1, dtype=np.float64)
    return torch.tensor(data[:, :-len(TASKS)], dtype=torch.float32), torch.tensor(data[:, -len(TASKS):], dtype=torch.float32)


# The modules carry the library's parameter names (trunk.linear0.weight, heads.income.out.bias, experts.0.linear0.weight,
# gates.income.weight, ...), so that --init loads the library's safetensors with load_state_dict(strict=True).
def tower(width):
    return nn.Sequential(OrderedDict(linear0=nn.Linear(width, 8), act0=nn.ReLU(), out=nn.Linear(8, 1)))


class SharedBottom(nn.Module):
    def __init__(self, inputs, tasks):
        super().__init__()
        self.tasks = tasks
        self.trunk = expert(inputs, 64)
        self.heads = nn.ModuleDict((t, tower(64)) for t in tasks)

    def forward(self, x):
        z = self.trunk(x)
        return torch.cat([self.heads[t](z) for t in self.tasks], dim=1)


def expert(inputs, width):
    return nn.Sequential(OrderedDict(linear0=nn.Linear(inputs, width), act0=nn.ReLU()))


def mix(gate, x, outputs):
    weights = torch.softmax(gate(x), dim=1).unsqueeze(2)                      # [batch, experts, 1]
    return (weights * torch.stack(outputs, dim=1)).sum(dim=1)


class Ple(nn.Module):
    """PLE (Tang et al., RecSys 2020) as the library's PleArchitecture: per level, shared and per-task experts; task k's
    gate (on task k's input) mixes the shared experts and its own; below the last level a shared gate (on the shared
    input) mixes all the level's experts (shared first, then each task's) into the next shared input."""

    def __init__(self, inputs, tasks, levels=2, shared=2, own=1, width=16):
        super().__init__()
        self.tasks, self.levels, self.shared, self.own = tasks, levels, shared, own
        self.experts = nn.ModuleDict()
        self.gates = nn.ModuleDict()
        for level in range(levels):
            d = inputs if level == 0 else width
            for i in range(shared):
                self.experts[f"level{level}_shared_{i}"] = expert(d, width)
            for t in tasks:
                for i in range(own):
                    self.experts[f"level{level}_{t}_{i}"] = expert(d, width)
                self.gates[f"level{level}_{t}"] = nn.Linear(d, shared + own, bias=False)
            if level < levels - 1:
                self.gates[f"level{level}_shared"] = nn.Linear(d, shared + len(tasks) * own, bias=False)
        self.towers = nn.ModuleDict((t, tower(width)) for t in tasks)

    def forward(self, x):
        shared, task_inputs = x, {t: x for t in self.tasks}
        for level in range(self.levels):
            shared_out = [self.experts[f"level{level}_shared_{i}"](shared) for i in range(self.shared)]
            specific_out = {t: [self.experts[f"level{level}_{t}_{i}"](task_inputs[t]) for i in range(self.own)] for t in self.tasks}
            following = {t: mix(self.gates[f"level{level}_{t}"], task_inputs[t], shared_out + specific_out[t]) for t in self.tasks}
            if level < self.levels - 1:
                shared = mix(self.gates[f"level{level}_shared"], shared, shared_out + [o for t in self.tasks for o in specific_out[t]])
            task_inputs = following
        return torch.cat([self.towers[t](task_inputs[t]) for t in self.tasks], dim=1)


class Mmoe(nn.Module):
    def __init__(self, inputs, tasks, experts=4, width=16):
        super().__init__()
        self.tasks = tasks
        self.experts = nn.ModuleList(expert(inputs, width) for _ in range(experts))
        self.gates = nn.ModuleDict((t, nn.Linear(inputs, experts, bias=False)) for t in tasks)
        self.towers = nn.ModuleDict((t, tower(width)) for t in tasks)

    def forward(self, x):
        outputs = [e(x) for e in self.experts]
        return torch.cat([self.towers[t](mix(self.gates[t], x, outputs)) for t in self.tasks], dim=1)


def zero_biases(net):
    """Biases start at 0, as the sample sets them (Keras/TensorFlow's convention); weights keep PyTorch's default draw."""
    with torch.no_grad():
        for name, parameter in net.named_parameters():
            if name.endswith(".bias"):
                parameter.zero_()


def loss_sum(net, x, y):
    logits = net(x)
    return sum(nn.functional.binary_cross_entropy_with_logits(logits[:, t], y[:, t]) for t in range(y.shape[1]))


def fit(net, train, validation, seed, orders=None):
    """Trains with early stopping; returns the per-epoch training loss (row-weighted mean over the epoch's batches,
    summed over tasks, as the library reports it), validation loss and the best epoch (from 1). Rows are visited in
    `orders[epoch]` when given (the library's order), else in a fresh torch.randperm per epoch."""
    x, y = train
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(net.parameters(), lr=SETTINGS["learningRate"])
    best, best_state, best_epoch, since = float("inf"), None, 0, 0
    train_losses, validation_losses = [], []
    batch = SETTINGS["batchSize"]
    for epoch in range(SETTINGS["epochs"]):
        net.train()
        order = torch.randperm(x.shape[0], generator=generator) if orders is None else orders[epoch]
        total = 0.0
        for start in range(0, x.shape[0], batch):
            rows = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_sum(net, x[rows], y[rows])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        train_losses.append(total / x.shape[0])
        net.eval()
        with torch.no_grad():
            value = loss_sum(net, *validation).item()
        validation_losses.append(value)
        if value < best:
            best, best_state, best_epoch, since = value, copy.deepcopy(net.state_dict()), epoch + 1, 0
        else:
            since += 1
            if since >= SETTINGS["patience"]:
                break
    net.load_state_dict(best_state)
    return train_losses, validation_losses, best_epoch


def read_safetensors(path):
    """The F32 tensors of a safetensors file (8-byte header length, JSON header, little-endian data)."""
    data = Path(path).read_bytes()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", f"{path}: tensor '{name}' is {entry['dtype']}, expected F32"
        begin, end = entry["data_offsets"]
        tensors[name] = torch.tensor(np.frombuffer(body[begin:end], dtype="<f4").reshape(entry["shape"]).copy())
    return tensors


def read_orders(folder, seed):
    with open(f"{folder}/order_seed{seed}.csv") as f:
        return [torch.tensor([int(v) for v in line.split(",")], dtype=torch.long) for line in f if line.strip()]


def test_auc(net, test, columns):
    net.eval()
    with torch.no_grad():
        scores = net(test[0]).numpy()
    return [roc_auc_score(test[1][:, c].numpy(), scores[:, i]) for i, c in enumerate(columns)]


def mean_se(values, fmt):
    """Mean ± standard error of the mean (sample standard deviation / sqrt(n)), as the sample prints."""
    values = np.asarray(values)
    return f"{format(values.mean(), fmt)} ± {format(values.std(ddof=1) / np.sqrt(len(values)), fmt.replace('+', ''))}"


def compare(stem, init, train_losses, validation_losses, best_epoch, auc):
    """Prints one identical-start run next to the library's; returns the largest loss differences up to the library's
    best epoch (the restored weights) and over all epochs (float32 rounding differences grow once training wanders
    past the optimum), the largest test AUC difference, and whether the epochs and the best epoch agree."""
    with open(f"{init}/{stem}.json") as f:
        library = json.load(f)

    def largest(mine, theirs, epochs):
        return max(abs(a - b) for a, b in zip(mine[:epochs], theirs[:epochs]))

    best = library["bestEpoch"]
    d_best = max(largest(train_losses, library["trainLoss"], best), largest(validation_losses, library["validationLoss"], best))
    d_all = max(largest(train_losses, library["trainLoss"], len(train_losses)), largest(validation_losses, library["validationLoss"], len(validation_losses)))
    d_auc = max(abs(a - b) for a, b in zip(auc, library["testAuc"]))
    same = len(train_losses) == len(library["trainLoss"]) and best_epoch == best
    print(f"{stem:<35} epochs {len(train_losses):2}/{len(library['trainLoss']):2}  best {best_epoch:2}/{best:2}  "
          f"max |Δ loss| to best {d_best:.1e}, all {d_all:.1e}  |Δ AUC| {d_auc:.1e}  "
          f"AUC torch {', '.join(f'{a:.4f}' for a in auc)} | library {', '.join(f'{a:.4f}' for a in library['testAuc'])}", flush=True)
    return d_best, d_all, d_auc, same


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", help="the sample's --export (or --export-init) folder")
    parser.add_argument("--init", metavar="DIR", help="start from the library's initial weights and row orders in DIR (the sample's --export-init DIR)")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    folder, init = arguments.folder, arguments.init
    if Path(f"{folder}/settings.json").exists():
        with open(f"{folder}/settings.json") as f:
            SETTINGS.update(json.load(f))
    seeds = SETTINGS["seeds"]
    train, validation, test = (load(folder, name) for name in ("train", "validation", "test"))
    d = train[0].shape[1]
    clock = time.time()
    print(f"PyTorch {torch.__version__}: {train[0].shape[0]} training rows, {d} features; Adam lr {SETTINGS['learningRate']}, batch {SETTINGS['batchSize']}, "
          f"up to {SETTINGS['epochs']} epochs, patience {SETTINGS['patience']}, best of {SETTINGS['restarts']} starts; seeds {', '.join(map(str, seeds))}"
          + (f"; identical start from {init}" if init else ""), flush=True)
    runs = {"single-task": [], "shared-bottom": [], "MMoE": [], "PLE": []}
    sizes, differences = {}, []

    def run(name, make, tasks, columns, seed, orders):
        """The better (lower best validation loss) of SETTINGS["restarts"] starts, as the sample keeps."""
        kept = None
        for restart in range(SETTINGS["restarts"]):
            stem = f"{name}_r{restart}_seed{seed}"
            torch.manual_seed(seed + 1000 * restart)
            net = make(d, tasks)
            zero_biases(net)
            if init:
                net.load_state_dict(read_safetensors(f"{init}/{stem}.safetensors"), strict=True)
            only = lambda part: (part[0], part[1][:, columns])
            train_losses, validation_losses, best_epoch = fit(net, only(train), only(validation), seed, orders)
            auc = test_auc(net, test, columns)
            if init:
                differences.append(compare(stem, init, train_losses, validation_losses, best_epoch, auc))
            if kept is None or validation_losses[best_epoch - 1] < kept[2]:
                kept = (net, auc, validation_losses[best_epoch - 1])
        return kept[0], kept[1]

    for seed in seeds:
        orders = read_orders(init, seed) if init else None
        single = []
        for t, task in enumerate(TASKS):
            net, auc = run(f"single-task_{task}", SharedBottom, [task], [t], seed, orders)
            single.append(auc[0])
            sizes["single-task"] = f"{sum(p.numel() for p in net.parameters()):,} × 2"
        runs["single-task"].append(single + [float("nan")])
        print(f"seed {seed}  {'single-task':<14} test AUC {single[0]:.4f}, {single[1]:.4f}  ({time.time() - clock:.0f} s)", flush=True)
        for name, make in (("shared-bottom", SharedBottom), ("MMoE", Mmoe), ("PLE", Ple)):
            net, auc = run(name, make, TASKS, list(range(len(TASKS))), seed, orders)
            delta_m = 100 * np.mean([(a - s) / s for a, s in zip(auc, single)])
            runs[name].append(auc + [delta_m])
            sizes[name] = f"{sum(p.numel() for p in net.parameters()):,}"
            print(f"seed {seed}  {name:<14} test AUC {auc[0]:.4f}, {auc[1]:.4f}  ({time.time() - clock:.0f} s)", flush=True)
    if init:
        d_best, d_all, d_auc, _ = (max(v) for v in zip(*differences))
        print(f"\nIdentical start, {len(differences)} runs: largest |Δ| of a per-epoch (training or validation) loss {d_best:.1e} up to the best epoch, "
              f"{d_all:.1e} over all epochs; of a test AUC {d_auc:.1e}; same epochs and best epoch in {sum(1 for v in differences if v[3])} of {len(differences)} runs")
    print()
    print(f"PyTorch {torch.__version__}: test ROC AUC on {test[0].shape[0]} rows, mean ± standard error over {len(seeds)} seeds")
    print(f"| {'model':<13} | {'parameters':>10} | {'income AUC':>15} | {'never-married AUC':>17} | {'Δm %':>13} |")
    print(f"|{'-' * 15}|{'-' * 11}:|{'-' * 16}:|{'-' * 18}:|{'-' * 14}:|")
    for name, values in runs.items():
        values = np.asarray(values)
        delta = "—" if name == "single-task" else mean_se(values[:, 2], "+.2f")
        print(f"| {name:<13} | {sizes[name]:>10} | {mean_se(values[:, 0], '.4f'):>15} | {mean_se(values[:, 1], '.4f'):>17} | {delta:>13} |")
    print("\nPaired with single-task: d = model AUC - single-task AUC of the same seed, mean ± standard error of d (t = mean / SE)")
    print(f"| {'model':<13} | {'income d':>25} | {'never-married d':>25} |")
    print(f"|{'-' * 15}|{'-' * 26}:|{'-' * 26}:|")
    single = np.asarray(runs["single-task"])
    for name in ("shared-bottom", "MMoE", "PLE"):
        cells = []
        for column in (0, 1):
            d = np.asarray(runs[name])[:, column] - single[:, column]
            se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0.0
            cells.append(f"{d.mean():+.4f} ± {se:.4f} ({d.mean() / se:+.2f})" if se > 0 else f"{d.mean():+.4f} ± 0.0000 (—)")
        print(f"| {name:<13} | {cells[0]:>25} | {cells[1]:>25} |")
    print(f"\nTotal runtime: {time.time() - clock:.0f} s")


if __name__ == "__main__":
    main()
