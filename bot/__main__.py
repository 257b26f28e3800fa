"""`python -m bot` starts the Discord bot (see docs/discord.md)."""

import sys

from bot.app import main

sys.exit(main())
