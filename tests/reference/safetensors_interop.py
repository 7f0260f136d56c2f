"""PyTorch side of the safetensors interop tests (issue 9, deliverable 4).

Usage (Debian's python3-torch; the `safetensors` package is not needed, the format is written by hand):
  /usr/bin/python3 tests/reference/safetensors_interop.py write [out_dir]   # the fixtures in tests/data/safetensors
  /usr/bin/python3 tests/reference/safetensors_interop.py check FILE        # a file the library wrote

`write` makes, with fixed seeds:
  torch_trunk.safetensors  a plain nn.Sequential(Linear(4,8), BatchNorm1d(8), ReLU(), Linear(8,6), BatchNorm1d(6), ReLU())
                           saved by position ("0.weight", "1.running_mean", ...), as most PyTorch code saves a trunk;
  torch_model.safetensors  a multi-task net named as the library names its network: trunk = Sequential(OrderedDict(
                           linear0, norm0, act0, linear1, norm1, act1)), heads = ModuleDict(price: out = Linear(6,1),
                           kind: out = Linear(6,3)); saved from state_dict() (names "trunk.linear0.weight", ...);
  dtypes.safetensors       one small tensor of each dtype F64, F32, F16, BF16, I64, I32 with exactly representable values;
  torch_expected.json      the inputs, the trunk's and the heads' outputs (eval mode) and the dtype values, from PyTorch.

`check FILE` loads a library-written file of that multi-task net with load_state_dict(strict=True) (so every name
must match PyTorch's), runs the inputs stored in the file's __metadata__ ("inputs") through it in eval mode and
compares with the outputs the library stored ("outputs"); it also checks that every stored tensor equals the loaded
state_dict bit for bit. It prints the largest difference and exits 1 on a mismatch.
"""
import json
import struct
import sys
from collections import OrderedDict
from pathlib import Path

import torch
from torch import nn

DTYPES = {
    torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
    torch.int64: "I64", torch.int32: "I32",
}
FROM_NAME = {v: k for k, v in DTYPES.items()}
SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4}


def raw_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype in (torch.float16, torch.bfloat16):
        return t.view(torch.int16).numpy().tobytes()  # little-endian on x86
    return t.numpy().tobytes()


def save(tensors, path, metadata=None):
    header, data, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        b = raw_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        data.append(b)
        offset += len(b)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in data:
            f.write(b)


def load(path):
    blob = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    metadata = header.pop("__metadata__", {})
    body = blob[8 + n:]
    tensors = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        dtype = FROM_NAME[e["dtype"]]
        chunk = bytearray(body[begin:end])
        if dtype in (torch.float16, torch.bfloat16):
            t = torch.frombuffer(chunk, dtype=torch.int16).view(dtype) if chunk else torch.empty(0, dtype=dtype)
        else:
            t = torch.frombuffer(chunk, dtype=dtype) if chunk else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(e["shape"]).clone()
    return tensors, metadata


def trunk_layers():
    return [nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 6), nn.BatchNorm1d(6), nn.ReLU()]


class Net(nn.Module):
    """The library's MultiTaskNetwork for Trunks.Mlp(4, [8, 6], normalization: BatchNorm) and linear heads."""

    def __init__(self):
        super().__init__()
        names = ["linear0", "norm0", "act0", "linear1", "norm1", "act1"]
        self.trunk = nn.Sequential(OrderedDict(zip(names, trunk_layers())))
        self.heads = nn.ModuleDict({
            "price": nn.Sequential(OrderedDict(out=nn.Linear(6, 1))),
            "kind": nn.Sequential(OrderedDict(out=nn.Linear(6, 3))),
        })

    def forward(self, x):
        z = self.trunk(x)
        return [self.heads[k](z) for k in ("price", "kind")]


def warm_up(module, seed):
    """A few train-mode passes so the BatchNorm running statistics are not the defaults."""
    g = torch.Generator().manual_seed(seed)
    module.train()
    with torch.no_grad():
        for _ in range(3):
            module(torch.randn(16, 4, generator=g) * 2 + 1)
    module.eval()


def write(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(2024)
    trunk = nn.Sequential(*trunk_layers())
    warm_up(trunk, 1)
    torch.manual_seed(2025)
    net = Net()
    warm_up(net, 2)
    inputs = torch.randn(5, 4, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        trunk_out = trunk(inputs)
        price, kind = net(inputs)
    save(trunk.state_dict(), out / "torch_trunk.safetensors", {"format": "pt"})
    save(net.state_dict(), out / "torch_model.safetensors", {"format": "pt"})
    dtypes = OrderedDict(
        f64=torch.tensor([[0.1, -2.5], [1e-300, 3.0]], dtype=torch.float64),
        f32=torch.tensor([0.1, -0.0, 65504.0], dtype=torch.float32),
        f16=torch.tensor([0.5, -1.75, 65504.0, 6.103515625e-05], dtype=torch.float16),
        bf16=torch.tensor([1.0, -3.140625, 1.0e10], dtype=torch.bfloat16),
        i64=torch.tensor([-(2 ** 40), 0, 7], dtype=torch.int64),
        i32=torch.tensor([[-5], [2 ** 31 - 1]], dtype=torch.int32),
    )
    save(dtypes, out / "dtypes.safetensors")
    expected = {
        "torch": torch.__version__,
        "inputs": inputs.tolist(),
        "trunk_outputs": trunk_out.tolist(),
        "price_outputs": price.tolist(),
        "kind_outputs": kind.tolist(),
        "trunk_names": list(trunk.state_dict().keys()),
        "model_names": list(net.state_dict().keys()),
        "dtypes": {k: [float(v) for v in t.flatten().tolist()] for k, t in dtypes.items()},
    }
    (out / "torch_expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(f"wrote {out}: {len(expected['trunk_names'])} trunk tensors, {len(expected['model_names'])} model tensors")


def check(path):
    tensors, metadata = load(path)
    net = Net()
    net.load_state_dict(tensors, strict=True)
    net.eval()
    state = net.state_dict()
    bitwise = all(torch.equal(state[k], tensors[k]) and state[k].dtype == tensors[k].dtype for k in tensors)
    inputs = torch.tensor(json.loads(metadata["inputs"]), dtype=torch.float32)
    library = json.loads(metadata["outputs"])
    with torch.no_grad():
        outputs = net(inputs)
    worst = max(float((o - torch.tensor(l)).abs().max()) for o, l in zip(outputs, library))
    print(f"{path}: {len(tensors)} tensors loaded with strict=True; stored == loaded bitwise: {bitwise}; "
          f"max |PyTorch output - library output| = {worst:.3g}")
    ok = bitwise and worst <= 1e-5
    print("OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "write":
        write(sys.argv[2] if len(sys.argv) > 2 else "tests/data/safetensors")
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
