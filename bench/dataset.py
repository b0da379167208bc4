"""Benchmark dataset: 1,000 users in 50 workspaces, N Toggl-shaped time entries over two years.

Builds (or finds) the cached SQLite dataset of a size and prints its path, or loads the dataset
into an empty PostgreSQL database. The generator is the package bench/datagen/, whose docstring
describes the shape.

Usage: python bench/dataset.py --size 10k|1m [--postgres-url URL]  (prints the cached path)
"""

from __future__ import annotations

import argparse

from datagen.shape import SIZES
from datagen.storage import ensure_sqlite, write_postgres


def main() -> None:
    """Build the dataset of `--size` (SQLite cache, or into `--postgres-url`)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--postgres-url", help="load into this (empty) database instead")
    args = parser.parse_args()
    if args.postgres_url:
        write_postgres(args.postgres_url, args.size)
    else:
        path, meta = ensure_sqlite(args.size)
        print(path)
        print(
            f"list users: {len(meta['list'])}, window counts "
            f"{sorted(u['expected'] for u in meta['list'])}"
        )


if __name__ == "__main__":
    main()
