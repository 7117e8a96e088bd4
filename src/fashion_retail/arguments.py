"""The command lines' shared parser: a bad argument is one line on stderr and
exit status 2, not argparse's usage block."""

from __future__ import annotations

import argparse


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument is ``<prog>: error: <message>`` and status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")
