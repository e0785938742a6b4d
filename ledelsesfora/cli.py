"""The `ledelsesfora` command: Django's manage.py under the product's name.

`ledelsesfora charter check FILE`, `ledelsesfora demo`, `ledelsesfora migrate`, `ledelsesfora
runserver` … all run through here.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledelsesfora.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
