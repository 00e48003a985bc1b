"""`py -m honours …`: the console script's command line, for a Windows PC whose Scripts folder is not on PATH."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="honours")
