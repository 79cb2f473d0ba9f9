from videowall.cli import main

raise SystemExit(main())
