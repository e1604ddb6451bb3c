import sys

from stance.cli.main import main

sys.exit(main())
