"""``python -m sampleweb --port 8765 --clinics 200 --seed 7 [--truth FILE] [--hostile]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sampleweb.hostile import CASES, HostileWeb
from sampleweb.server import make_server, run_until_interrupted
from sampleweb.world import build_world


def main(argv: list[str] | None = None) -> int:
    """Serve the sample web until Ctrl-C; print how to reach it; optionally write the truth."""
    parser = argparse.ArgumentParser(prog="python -m sampleweb", description=__doc__)
    parser.add_argument(
        "--port", type=int, default=8765, help="port on 127.0.0.1 (0 = any free port)"
    )
    parser.add_argument(
        "--clinics",
        type=int,
        default=200,
        help="number of clinics (from 10 on, two are hostile listings without a site)",
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same web)")
    parser.add_argument("--truth", type=Path, help="write the ground truth JSON to this file")
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="also serve the hostile hosts (*.hostile.test: huge pages, gzip bomb, redirect "
        "loops, bad robots.txt, script names...); the normal world does not change",
    )
    args = parser.parse_args(argv)

    world = build_world(clinics=args.clinics, seed=args.seed)
    if args.truth:
        args.truth.write_text(
            json.dumps(world.truth(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"truth written to {args.truth}")
    server = make_server(world, args.port, hostile=HostileWeb() if args.hostile else None)
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"sample web: {args.clinics} clinics, seed {args.seed}")
    print(f"proxy: {proxy}   (e.g. http_proxy={proxy} curl {world.directory_start_urls[0]})")
    for url in world.directory_start_urls:
        print(f"directory: {url}")
    if args.hostile:
        for case in CASES:
            print(f"hostile: {case.url:<45} {case.serves}")
    sys.stdout.flush()
    run_until_interrupted(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
