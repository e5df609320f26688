from catalogue.cli import main

raise SystemExit(main())
