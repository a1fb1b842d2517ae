"""python -m benchmarks run ... | python -m benchmarks generate SIZE OUT.xlsx"""

import sys

from . import generate, run

commands = {"run": run.main, "generate": generate.main}
if len(sys.argv) < 2 or sys.argv[1] not in commands:
    print(__doc__)
    sys.exit(2)
command = sys.argv.pop(1)
commands[command]()
