"""``python -m e2e.bench``: see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
