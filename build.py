#!/usr/bin/env python3
"""The command line of honours: `python build.py build`, `check`, ... (see README)."""
from honours.cli import main

if __name__ == "__main__":
    main()
