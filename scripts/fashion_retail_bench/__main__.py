import sys

from fashion_retail_bench.suite import main

sys.exit(main())
