"""Parley's front ends: the Discord bot and the `parley` command line.

Both import this package first, so process-wide settings that must precede numpy's import
live here.
"""

import os

# numpy's OpenBLAS starts a thread per core as numpy is imported, and those threads spin
# after each call. Parley's arrays are tiny (one sentence vector against a few hundred), so
# one thread scores exactly as fast, while start-up costs about 0.07 s less CPU (bot start
# and every command that opens the store: sqlite-utils imports numpy). An operator's own
# setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
