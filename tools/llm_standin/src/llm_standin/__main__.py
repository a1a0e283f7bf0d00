"""Allow `python -m llm_standin`."""

from llm_standin.main import run

if __name__ == "__main__":
    run()
