"""The `optimize` command's entry point, kept light: it notes when the command began before
importing the command line (OR-Tools, pandas and matplotlib take 2-2.5 s), so that the time
limit counts those seconds too (optimizer/run.py `search_limit`). Tests call
`optimizer.cli.main` directly; their runs count from when planning begins."""

import time

STARTED = time.monotonic()


def run() -> None:
    from optimizer.cli import main  # the heavy imports, inside the command's time

    main(obj={"started": STARTED})
