"""`python -m ferry inspect FILE`: see ferry._cli."""
import sys

from ._cli import main

sys.exit(main())
