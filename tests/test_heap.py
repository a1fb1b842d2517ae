"""Freed memory goes back to the system (optimizer/search/heap.py): without it glibc's malloc
keeps large blocks in the heap once a large block has been freed, and a run's many CP-SAT
searches raised M's peak memory past 600 MiB (benchmarks/README.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from optimizer.search.heap import return_freed_memory

# In a fresh process: a test process that has solved before holds freed heap memory, which
# malloc hands out again before it asks the system for more.
BLOCKS = """
import ctypes, sys
from optimizer.search.heap import return_freed_memory

def rss_mib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS:"))

MIB = 1 << 20
if sys.argv[1] == "set":
    assert return_freed_memory()
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
# A large block freed: glibc by default would now serve blocks up to its size from the heap.
libc.free(libc.malloc(4 * MIB))
blocks = []
for _ in range(120):
    blocks.append(libc.malloc(MIB))
    ctypes.memset(blocks[-1], 1, MIB)  # touched, so counted in the process's memory
# A block allocated after them and still held: in the heap, it sits above them and keeps the heap
# from shrinking back once they are freed.
pin = libc.malloc(MIB // 4)
held = rss_mib()
for block in blocks:
    libc.free(block)
print(held - rss_mib())
"""


def _given_back_mib(setting: str) -> int:
    out = subprocess.run([sys.executable, "-c", BLOCKS, setting], capture_output=True, text=True, check=True)
    return int(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator, read through /proc")
def test_large_blocks_go_back_to_the_system_once_freed() -> None:
    assert _given_back_mib("set") >= 100  # of the 120 MiB freed
    assert _given_back_mib("default") < 20  # glibc's default, which the setting changes
    assert return_freed_memory() and return_freed_memory()  # once per process; again changes nothing
