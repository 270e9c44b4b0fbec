import sys

from ashyq.cli import main

sys.exit(main())
