"""`python -m extract` is the same as `bulletin`."""
from .cli import main

main()
