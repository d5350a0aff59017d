"""`python -m bench [--quick] [--full]`: run every benchmark and write bench/RESULTS.md."""

import sys

from bench.run import main

sys.exit(main(sys.argv[1:]))
