#!/usr/bin/env python3
"""Start receiptd: ``python run_daemon.py [--config PATH]`` (default: ./config.toml)."""
from __future__ import annotations

import argparse
import asyncio
import sys

from receiptd import config as configuration
from receiptd.logs import configure_logging
from receiptd.daemon import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="receiptd: turns mailed receipt photos into purchase records")
    parser.add_argument("--config", help="path to config.toml (default: the one beside this script)")
    args = parser.parse_args(argv)
    try:
        config = configuration.load(args.config)
    except configuration.ConfigError as err:
        print(f"receiptd: configuration error: {err}", file=sys.stderr)
        return 2
    configure_logging(config.log.level)
    return asyncio.run(serve(config))


if __name__ == "__main__":
    sys.exit(main())
