import sys

from fashion_retail_report.cli import main

sys.exit(main())
