from bench.all import main

raise SystemExit(main())
