"""``python -m notice``: the ``notice`` command."""

import sys

from notice.commands.cli import main

sys.exit(main())
