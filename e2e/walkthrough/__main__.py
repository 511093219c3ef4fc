"""Run the walkthrough recorder: ``python -m e2e.walkthrough --help``."""

import sys

from .cli import main

sys.exit(main())
