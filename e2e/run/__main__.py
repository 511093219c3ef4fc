"""``python -m e2e.run``: see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
