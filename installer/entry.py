"""The frozen app's entry point: the same ``main`` as the ``videowall`` console script."""

from videowall.cli import main

raise SystemExit(main())
