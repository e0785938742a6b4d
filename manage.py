#!/usr/bin/env python
"""Django's usual entry point; the same as the `ledelsesfora` command."""

from ledelsesfora.cli import main

if __name__ == "__main__":
    main()
