"""``python -m mapper``: the same as the ``mapper`` command."""

from .cli import main

raise SystemExit(main())
