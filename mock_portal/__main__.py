"""Run the portal: ``python -m mock_portal --host 127.0.0.1 --port 8000``."""

from __future__ import annotations

import argparse
import logging

from . import create_app


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve the portal with Flask's threaded server."""
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--debug", action="store_true", help="Flask debug mode (reloader)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app()
    app.run(host=args.host, port=args.port, debug=args.debug, threaded=True)


if __name__ == "__main__":
    main()
