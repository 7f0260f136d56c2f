"""Reference learning-rate sequences from PyTorch's torch.optim.lr_scheduler (PyTorch 1.13).

Run: /usr/bin/python3 tests/reference/lr_schedules_reference.py
The printed values are pinned in tests/MultiTask.Tests/Training/Schedules/LearningRateScheduleTests.cs.
Each list holds the learning rate used at index 0, 1, 2, ...: the value right after construction, then after
each call of scheduler.step().
"""
import torch

BASE = 0.1


def optimizer():
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=BASE)


def run(make, count, metrics=None):
    opt = optimizer()
    sched = make(opt)
    rates = []
    for i in range(count):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
    return rates


def show(name, rates):
    print(f"{name} = [{', '.join(repr(r) for r in rates)}]")


show("step_lr_3_0.5", run(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10))
show("exponential_0.8", run(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.8), 8))
show("cosine_warmup_4_12_0.1_0.001", run(lambda o: torch.optim.lr_scheduler.SequentialLR(
    o,
    [torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=4),
     torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.001)],
    milestones=[4]), 13))
show("one_cycle_12", run(lambda o: torch.optim.lr_scheduler.OneCycleLR(
    o, max_lr=BASE, total_steps=12, pct_start=0.3, anneal_strategy="cos", cycle_momentum=False,
    div_factor=25.0, final_div_factor=1e4), 12))
PLATEAU_VALUES = [1.0, 0.95, 0.85, 0.84, 0.83, 0.5, 0.49, 0.48, 0.47, 0.46, 0.45, 0.44]
show("plateau_values", PLATEAU_VALUES)
show("plateau_min_rel", run(lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
    o, mode="min", factor=0.5, patience=1, threshold=0.1, threshold_mode="rel", cooldown=1, min_lr=0.01),
    len(PLATEAU_VALUES) + 1, PLATEAU_VALUES + [0.0]))
show("plateau_max_abs", run(lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
    o, mode="max", factor=0.5, patience=0, threshold=0.05, threshold_mode="abs"),
    len(PLATEAU_VALUES) + 1, PLATEAU_VALUES + [0.0]))
