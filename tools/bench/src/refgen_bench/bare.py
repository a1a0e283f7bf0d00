"""A bare FastAPI route, served exactly as the gateway is served: the ceiling the status route is held to."""

from __future__ import annotations

import argparse

from fastapi import FastAPI

from gateway.config import Settings
from gateway.main import serve


def bare_app() -> FastAPI:
    """One GET route answering a small JSON object, with nothing in front of it."""
    app = FastAPI()

    @app.get("/bare")
    async def bare() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    """`python -m refgen_bench.bare --host H --port P`: the gateway's settings and server, the bare app."""
    parser = argparse.ArgumentParser(prog="refgen-bench-bare")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    serve(bare_app(), Settings(host=args.host, port=args.port))


if __name__ == "__main__":
    main()
