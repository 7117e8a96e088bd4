import sys

from fashion_retail_gen.cli import main

sys.exit(main())
