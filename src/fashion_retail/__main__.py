import sys

from fashion_retail.cli import main

sys.exit(main())
