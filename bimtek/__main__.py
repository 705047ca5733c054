"""Entry point for `python -m bimtek`."""

import sys

from bimtek.cli import main

sys.exit(main())
