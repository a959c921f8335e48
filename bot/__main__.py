"""`python -m bot` is `mentorat`."""

import sys

from bot.cli import main

sys.exit(main())
