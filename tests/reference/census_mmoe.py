"""PyTorch peer of samples/CensusMmoe: the same single-task, shared-bottom, MMoE and PLE models on the same data.

The data are the sample's own preprocessed splits (identical numbers, no re-implementation of the preprocessing):
  dotnet run -c Release --project samples/CensusMmoe -- --export /tmp/census      # writes train/validation/test.csv
  python3 tests/reference/census_mmoe.py /tmp/census
Each CSV has the features f0..f{d-1}, then one 0/1 column per task (income, never-married).

Same sizes as the sample: single-task = Linear(d, 64)-ReLU trunk + tower Linear(64, 8)-ReLU-Linear(8, 1), one model per
task; shared-bottom = the same trunk shared by two such towers; MMoE (Ma et al., KDD 2018) = 4 experts Linear(d, 16)-ReLU,
per task a gate softmax(W x) (no bias) over the experts and a tower Linear(16, 8)-ReLU-Linear(8, 1); PLE (class Ple)
= two levels of experts of 16 (d -> 16, then 16 -> 16), 2 shared and 1 per task at each level, the same towers. PyTorch's default
initialisation (the library's is the same distribution, not the same draws). Same training: Adam lr 2e-3 (betas
0.9/0.999, eps 1e-8, no weight decay), batch 128 reshuffled every epoch, loss = sum over tasks of the mean binary
cross-entropy with logits, up to 30 epochs, early stopping on that sum over the validation rows (an epoch improves when
it is lower than the best so far; patience 4; the best weights restored). Seeds 1, 2, 3; one thread. Prints the
sample's table: test ROC AUC per task (scikit-learn) and Delta m vs single-task (Maninis et al., 2019), mean +- std.
Tested with python3-torch 1.13 and python3-sklearn 1.2 (Debian).
"""
import copy
import sys
import time

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from torch import nn

TASKS = ["income", "never-married"]
EPOCHS, BATCH, LR, PATIENCE = 30, 128, 2e-3, 4


def load(folder, name):
    data = np.loadtxt(f"{folder}/{name}.csv", delimiter=",", skiprows=1, dtype=np.float64)
    return torch.tensor(data[:, :-len(TASKS)], dtype=torch.float32), torch.tensor(data[:, -len(TASKS):], dtype=torch.float32)


def tower(width):
    return nn.Sequential(nn.Linear(width, 8), nn.ReLU(), nn.Linear(8, 1))


class SharedBottom(nn.Module):
    def __init__(self, inputs, tasks):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(inputs, 64), nn.ReLU())
        self.towers = nn.ModuleList(tower(64) for _ in range(tasks))

    def forward(self, x):
        z = self.trunk(x)
        return torch.cat([t(z) for t in self.towers], dim=1)


def expert(inputs, width):
    return nn.Sequential(nn.Linear(inputs, width), nn.ReLU())


def mix(gate, x, outputs):
    weights = torch.softmax(gate(x), dim=1).unsqueeze(2)                      # [batch, experts, 1]
    return (weights * torch.stack(outputs, dim=1)).sum(dim=1)


class Ple(nn.Module):
    """PLE (Tang et al., RecSys 2020) as the library's PleArchitecture: per level, shared and per-task experts; task k's
    gate (on task k's input) mixes the shared experts and its own; below the last level a shared gate (on the shared
    input) mixes all the level's experts (shared first, then each task's) into the next shared input."""

    def __init__(self, inputs, tasks, levels=2, shared=2, own=1, width=16):
        super().__init__()
        self.tasks = tasks
        self.shared = nn.ModuleList()
        self.specific = nn.ModuleList()
        self.task_gates = nn.ModuleList()
        self.shared_gates = nn.ModuleList()
        for level in range(levels):
            d = inputs if level == 0 else width
            self.shared.append(nn.ModuleList(expert(d, width) for _ in range(shared)))
            self.specific.append(nn.ModuleList(nn.ModuleList(expert(d, width) for _ in range(own)) for _ in range(tasks)))
            self.task_gates.append(nn.ModuleList(nn.Linear(d, shared + own, bias=False) for _ in range(tasks)))
            if level < levels - 1:
                self.shared_gates.append(nn.Linear(d, shared + tasks * own, bias=False))
        self.towers = nn.ModuleList(tower(width) for _ in range(tasks))

    def forward(self, x):
        shared, task_inputs = x, [x] * self.tasks
        for level in range(len(self.shared)):
            shared_out = [e(shared) for e in self.shared[level]]
            specific_out = [[e(task_inputs[t]) for e in self.specific[level][t]] for t in range(self.tasks)]
            following = [mix(self.task_gates[level][t], task_inputs[t], shared_out + specific_out[t]) for t in range(self.tasks)]
            if level < len(self.shared_gates):
                shared = mix(self.shared_gates[level], shared, shared_out + [o for out in specific_out for o in out])
            task_inputs = following
        return torch.cat([t(z) for t, z in zip(self.towers, task_inputs)], dim=1)


class Mmoe(nn.Module):
    def __init__(self, inputs, tasks, experts=4, width=16):
        super().__init__()
        self.experts = nn.ModuleList(expert(inputs, width) for _ in range(experts))
        self.gates = nn.ModuleList(nn.Linear(inputs, experts, bias=False) for _ in range(tasks))
        self.towers = nn.ModuleList(tower(width) for _ in range(tasks))

    def forward(self, x):
        outputs = [e(x) for e in self.experts]
        return torch.cat([t(mix(gate, x, outputs)) for gate, t in zip(self.gates, self.towers)], dim=1)


def loss_sum(net, x, y):
    logits = net(x)
    return sum(nn.functional.binary_cross_entropy_with_logits(logits[:, t], y[:, t]) for t in range(y.shape[1]))


def fit(net, train, validation, seed):
    x, y = train
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(net.parameters(), lr=LR)
    best, best_state, since = float("inf"), None, 0
    for _ in range(EPOCHS):
        net.train()
        order = torch.randperm(x.shape[0], generator=generator)
        for start in range(0, x.shape[0], BATCH):
            rows = order[start:start + BATCH]
            optimizer.zero_grad()
            loss_sum(net, x[rows], y[rows]).backward()
            optimizer.step()
        net.eval()
        with torch.no_grad():
            value = loss_sum(net, *validation).item()
        if value < best:
            best, best_state, since = value, copy.deepcopy(net.state_dict()), 0
        else:
            since += 1
            if since >= PATIENCE:
                break
    net.load_state_dict(best_state)
    return net


def test_auc(net, test, columns):
    net.eval()
    with torch.no_grad():
        scores = net(test[0]).numpy()
    return [roc_auc_score(test[1][:, c].numpy(), scores[:, i]) for i, c in enumerate(columns)]


def mean_std(values, fmt):
    values = np.asarray(values)
    return f"{format(values.mean(), fmt)} ± {format(values.std(ddof=1), fmt.replace('+', ''))}"


def main():
    torch.set_num_threads(1)
    folder = sys.argv[1]
    train, validation, test = (load(folder, name) for name in ("train", "validation", "test"))
    d = train[0].shape[1]
    clock = time.time()
    runs = {"single-task": [], "shared-bottom": [], "MMoE": [], "PLE": []}
    sizes = {}
    for seed in (1, 2, 3):
        single = []
        for t in range(len(TASKS)):
            torch.manual_seed(seed)
            only = lambda part: (part[0], part[1][:, t:t + 1])
            net = fit(SharedBottom(d, 1), only(train), only(validation), seed)
            single.append(test_auc(net, test, [t])[0])
            sizes["single-task"] = f"{sum(p.numel() for p in net.parameters()):,} × 2"
        runs["single-task"].append(single + [float("nan")])
        for name, make in (("shared-bottom", SharedBottom), ("MMoE", Mmoe), ("PLE", Ple)):
            torch.manual_seed(seed)
            net = fit(make(d, len(TASKS)), train, validation, seed)
            auc = test_auc(net, test, range(len(TASKS)))
            delta_m = 100 * np.mean([(a - s) / s for a, s in zip(auc, single)])
            runs[name].append(auc + [delta_m])
            sizes[name] = f"{sum(p.numel() for p in net.parameters()):,}"
            print(f"seed {seed}  {name:<14} test AUC {auc[0]:.4f}, {auc[1]:.4f}  ({time.time() - clock:.0f} s)", flush=True)
    print()
    print(f"PyTorch {torch.__version__}: test ROC AUC on {test[0].shape[0]} rows, mean ± std over 3 seeds")
    print(f"| {'model':<13} | {'parameters':>10} | {'income AUC':>15} | {'never-married AUC':>17} | {'Δm %':>13} |")
    print(f"|{'-' * 15}|{'-' * 11}:|{'-' * 16}:|{'-' * 18}:|{'-' * 14}:|")
    for name, values in runs.items():
        values = np.asarray(values)
        delta = "—" if name == "single-task" else mean_std(values[:, 2], "+.2f")
        print(f"| {name:<13} | {sizes[name]:>10} | {mean_std(values[:, 0], '.4f'):>15} | {mean_std(values[:, 1], '.4f'):>17} | {delta:>13} |")


if __name__ == "__main__":
    main()
