"""Allow `python -m biblio_standin`."""

from biblio_standin.main import run

if __name__ == "__main__":
    run()
