"""The process's memory allocator, set once so that what CP-SAT's searches free goes back to the
system.

A plan is made by many CP-SAT searches in a row (the relaxations, the groups' steps), each with
threads of its own. glibc's malloc raises its threshold for serving large blocks from the heap
each time such a block is freed, so that later large blocks stay in the heap once freed. Between
searches the process then holds freed memory that the next search's threads do not reuse well.
Measured on the M roster (seed 1, 60 s, 5.12.): one group's search of 11 s raised the process
from 309 to 734 MiB, and the run's peak was 412-736 MiB in six runs; the same search alone, in a
fresh process, kept 230 MiB after it ended. With the threshold fixed at glibc's own starting
value, it kept 80 MiB, and through the benchmark runner M1-M3 peaked at 384-413 MiB (430-631
before), L at 416 (516-545), the plans as good (benchmarks/README.md). A search of one worker
with a fixed amount of work took the same time either way (14.3-14.8 s)."""

from __future__ import annotations

import ctypes
import sys

# mallopt's parameter number for the mmap threshold (glibc's malloc.h), and the value: glibc's
# default, which setting it keeps from rising.
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 128 * 1024

_done = False


def return_freed_memory() -> bool:
    """Fix glibc's mmap threshold at its default, once per process, so that large blocks are
    given back to the system when freed. True where it was set: elsewhere (another C library,
    another system) nothing changes."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The C library the process already runs on (find_library would start ldconfig).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _done = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
    return _done
