"""PyTorch peer of tests/MultiTask.Benchmarks (the hand-written TorchSharp loop, in PyTorch).

Reads from <dir> (written by the benchmark's --pytorch mode, raw little-endian):
  meta.json     rows, features, tasks, epochs, batch, lr, threads, warm_up_rows, trunk, head, parameter shapes,
                architecture ("hard" or "mmoe"), experts, expert_sizes
  X.f32         [rows, features] float32, row-major
  Y.f32         [rows, tasks] float32, row-major
  weights.f32   the initial parameters of the TorchSharp network, concatenated in parameter order
  perm.i64      [epochs, rows] int64, the per-epoch row order of the hand-written loop
Trains the same model with the same initial weights and batch order, times only the training loop (after a
one-epoch warm-up on the first warm_up_rows rows with a separate model), and prints one JSON line:
  {"optimizer", "method", "seconds", "samples_per_second", "last_epoch_losses", "peak_rss_bytes", "torch", "threads", "blas"}.
The weighting method (third argument, default ew) is one of
  ew      equal weighting: the sum of the task losses, one backward pass;
  uw      uncertainty weighting (Kendall, Gal and Cipolla 2018) as the library's UncertaintyWeighting: learnable
          s_t = log sigma_t^2 starting at -0.5, trained by the same Adam, objective sum_t [L_t / (2 exp(s_t)) + s_t / 2];
  pcgrad  PCGrad (Yu et al. 2020) as the usual PyTorch implementations: per-task gradients of the trunk from one
          backward pass per task, each projected onto the normal plane of the others it conflicts with (others in a
          random order), summed; each head keeps its own task's gradient.
Usage: python3 pytorch_peer.py <dir> (--foreach | --default) [ew | uw | pcgrad]
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


class Network(nn.Module):
    def __init__(self, inputs, trunk, head, tasks):
        super().__init__()
        layers = []
        width = inputs
        for size in trunk:
            layers += [nn.Linear(width, size), nn.ReLU()]
            width = size
        self.trunk = nn.Sequential(*layers)
        self.heads = nn.ModuleList(
            nn.Sequential(nn.Linear(width, head), nn.ReLU(), nn.Linear(head, 1)) for _ in range(tasks))

    def forward(self, x):
        z = self.trunk(x)
        return [h(z) for h in self.heads]


class Mmoe(nn.Module):
    """MMoE (Ma et al., KDD 2018) as the benchmark's HandMmoeNetwork (and LibMTL's MMoE): a ModuleList of expert MLPs,
    stacked; one bias-free Linear gate per task with a softmax over the experts; bmm for the mixture; one tower per task."""

    def __init__(self, inputs, expert_sizes, experts, head, tasks):
        super().__init__()

        def expert():
            layers, width = [], inputs
            for size in expert_sizes:
                layers += [nn.Linear(width, size), nn.ReLU()]
                width = size
            return nn.Sequential(*layers)

        self.experts = nn.ModuleList(expert() for _ in range(experts))
        self.gates = nn.ModuleList(nn.Linear(inputs, experts, bias=False) for _ in range(tasks))
        width = expert_sizes[-1]
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(width, head), nn.ReLU(), nn.Linear(head, 1)) for _ in range(tasks))

    def forward(self, x):
        stacked = torch.stack([e(x) for e in self.experts], 1)
        return [tower(torch.softmax(gate(x), 1).unsqueeze(1).bmm(stacked).squeeze(1))
                for gate, tower in zip(self.gates, self.towers)]


def build(meta, flat_weights):
    if meta.get("architecture", "hard") == "mmoe":
        net = Mmoe(meta["features"], meta["expert_sizes"], meta["experts"], meta["head"], meta["tasks"])
    else:
        net = Network(meta["features"], meta["trunk"], meta["head"], meta["tasks"])
    params = list(net.parameters())
    shapes = meta["shapes"]
    if [list(p.shape) for p in params] != shapes:
        raise SystemExit(f"parameter shapes differ: torch {[list(p.shape) for p in params]} vs file {shapes}")
    offset = 0
    with torch.no_grad():
        for p in params:
            n = p.numel()
            p.copy_(torch.from_numpy(flat_weights[offset:offset + n]).view_as(p))
            offset += n
    if offset != flat_weights.size:
        raise SystemExit(f"weights.f32 has {flat_weights.size} floats, the network {offset}")
    return net


def pcgrad_backward(net, losses, generator):
    """Per-task trunk gradients as the rows of J, projected as PCGrad, summed and written to the trunk's .grad."""
    shared = list(net.trunk.parameters())
    tasks = len(losses)
    rows = []
    for t, loss in enumerate(losses):
        head = list(net.heads[t].parameters())
        grads = torch.autograd.grad(loss, shared + head, retain_graph=t < tasks - 1)
        rows.append(torch.cat([g.reshape(-1) for g in grads[:len(shared)]]))
        for p, g in zip(head, grads[len(shared):]):
            p.grad = g
    jacobian = torch.stack(rows)
    projected = jacobian.clone()
    for i in range(tasks):
        for j in torch.randperm(tasks, generator=generator).tolist():
            if j == i:
                continue
            dot = torch.dot(projected[i], jacobian[j])
            if dot < 0:
                projected[i] -= dot / jacobian[j].dot(jacobian[j]) * jacobian[j]
    direction = projected.sum(0)
    offset = 0
    for p in shared:
        n = p.numel()
        p.grad = direction[offset:offset + n].view_as(p).clone()
        offset += n


def train(meta, x, y, flat_weights, orders, foreach, method):
    net = build(meta, flat_weights)
    rows, tasks, batch = x.shape[0], meta["tasks"], meta["batch"]
    log_variances = nn.Parameter(torch.full((tasks,), -0.5)) if method == "uw" else None
    parameters = list(net.parameters()) + ([log_variances] if log_variances is not None else [])
    optimizer = torch.optim.Adam(parameters, lr=meta["lr"], foreach=True if foreach else None)
    generator = torch.Generator().manual_seed(meta.get("seed", 0))
    sums = [0.0] * tasks
    net.train()
    start_time = time.perf_counter()
    for order in orders:
        sums = [0.0] * tasks
        for start in range(0, rows, batch):
            index = order[start:start + batch]
            count = index.shape[0]
            xb = x.index_select(0, index)
            yb = y.index_select(0, index)
            outputs = net(xb)
            losses = [nn.functional.mse_loss(outputs[t].view(-1), yb.select(1, t)) for t in range(tasks)]
            optimizer.zero_grad()
            if method == "pcgrad":
                pcgrad_backward(net, losses, generator)
            elif method == "uw":
                stacked = torch.stack(losses)
                (stacked * (0.5 * torch.exp(-log_variances)) + 0.5 * log_variances).sum().backward()
            else:
                total = losses[0]
                for loss in losses[1:]:
                    total = total + loss
                total.backward()
            optimizer.step()
            values = torch.stack(losses).detach().tolist()
            for t in range(tasks):
                sums[t] += values[t] * count
    seconds = time.perf_counter() - start_time
    return seconds, [s / rows for s in sums]


def peak_rss_bytes():
    """This process's own peak RSS: VmHWM of /proc/self/status. Not getrusage's ru_maxrss, which Linux carries over
    execve from the process that forked us (the .NET benchmark), so it reported the parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def blas_library():
    """The BLAS shared library this process loaded (Debian's torch links libblas.so.3, i.e. whatever alternative is set)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.split()[-1].lower()}
    return ", ".join(sorted(paths)) or "none found"


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in ("--foreach", "--default") \
            or (len(sys.argv) == 4 and sys.argv[3] not in ("ew", "uw", "pcgrad")):
        raise SystemExit(__doc__)
    folder, foreach = sys.argv[1], sys.argv[2] == "--foreach"
    method = sys.argv[3] if len(sys.argv) == 4 else "ew"
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    if meta.get("architecture", "hard") == "mmoe" and method != "ew":
        raise SystemExit(f"the MMoE peer has equal weighting only, not {method}")
    torch.set_num_threads(meta["threads"])
    rows, features, tasks, epochs = meta["rows"], meta["features"], meta["tasks"], meta["epochs"]
    x = torch.from_numpy(np.fromfile(os.path.join(folder, "X.f32"), dtype="<f4").reshape(rows, features))
    y = torch.from_numpy(np.fromfile(os.path.join(folder, "Y.f32"), dtype="<f4").reshape(rows, tasks))
    weights = np.fromfile(os.path.join(folder, "weights.f32"), dtype="<f4")
    perm = torch.from_numpy(np.fromfile(os.path.join(folder, "perm.i64"), dtype="<i8").reshape(epochs, rows))

    warm = meta["warm_up_rows"]
    train(meta, x[:warm], y[:warm], weights, [torch.arange(warm)], foreach, method)
    seconds, losses = train(meta, x, y, weights, list(perm), foreach, method)
    print(json.dumps({
        "optimizer": "foreach" if foreach else "default",
        "method": method,
        "seconds": seconds,
        "samples_per_second": rows * epochs / seconds,
        "last_epoch_losses": losses,
        "peak_rss_bytes": peak_rss_bytes(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_library(),
    }))


if __name__ == "__main__":
    main()
