#!/usr/bin/env python3
# Generates test/fixtures/npy/*.npy with NumPy itself (the independent reference for src/quant/npy.ts)
# and expected.json with the values NumPy reads back. Run: python3 scripts/make-npy-fixtures.py
# (generated files are checked in; tests do not need NumPy).
import json, os
import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "npy")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
cases = {
    "f4_2d": rng.standard_normal((3, 5)).astype("<f4"),
    "f8_3d": rng.standard_normal((2, 3, 4)).astype("<f8"),
    "f4_1d": np.linspace(-1, 1, 7, dtype="<f4"),
    "f4_scalar": np.array(2.5, dtype="<f4"),
    "f4_empty": np.zeros((0, 3), dtype="<f4"),
}
expected = {}
for name, a in cases.items():
    np.save(os.path.join(out, name + ".npy"), a)
    expected[name] = {"shape": list(a.shape), "descr": a.dtype.str, "data": [float(x) for x in a.ravel(order="C")]}
# version 2.0 header (uint32 length)
with open(os.path.join(out, "f4_v2.npy"), "wb") as f:
    np.lib.format.write_array(f, cases["f4_2d"], version=(2, 0))
expected["f4_v2"] = expected["f4_2d"]
# rejected: Fortran order, other dtypes, big endian
np.save(os.path.join(out, "fortran.npy"), np.asfortranarray(rng.standard_normal((3, 4)).astype("<f4")))
np.save(os.path.join(out, "i4.npy"), np.arange(6, dtype="<i4"))
np.save(os.path.join(out, "f4_big_endian.npy"), np.arange(6, dtype=">f4"))
np.save(os.path.join(out, "f2.npy"), np.arange(6, dtype="<f2"))
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
