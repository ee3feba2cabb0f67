"""`python -m extract` is the same as `bulletin`."""
from .cli.app import main

if __name__ == "__main__":  # worker processes re-import this module on Windows and macOS
    main()
