"""Run the portal: ``python -m mock_portal --host 127.0.0.1 --port 8000`` (``weilidai serve``)."""

from __future__ import annotations

import logging

import click

from . import create_app


@click.command(name="serve", short_help="the portal in demo mode")
@click.option("--host", default="127.0.0.1", show_default=True, help="the address to bind")
@click.option("--port", type=int, default=8000, show_default=True, help="the port")
@click.option("--debug", is_flag=True, help="Flask's debug mode (the reloader)")
def command(host: str, port: int, debug: bool) -> None:
    """Serve the portal in demo mode with Flask's threaded server (docs/portal.md)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app()
    app.run(host=host, port=port, debug=debug, threaded=True)


if __name__ == "__main__":
    command(prog_name="python -m mock_portal")
