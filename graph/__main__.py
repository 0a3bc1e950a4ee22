from recgraph.cli import main

raise SystemExit(main())
