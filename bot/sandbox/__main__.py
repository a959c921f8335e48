"""`python -m bot.sandbox`: run the sandbox with the demo personas until Ctrl-C, printing URL and tokens."""

from __future__ import annotations

import argparse
import sys
import threading

from bot.sandbox.flavours import FLAVOURS
from bot.sandbox.personas import DEMO_ROSTER, populate_demo
from bot.sandbox.server import Sandbox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--flavour", choices=FLAVOURS, default="mastodon", help="which server to imitate")
    parser.add_argument("--port", type=int, default=0, help="loopback port (default: any free one)")
    parser.add_argument("--domain", default="sandbox.example", help="the instance's fediverse domain")
    parser.add_argument("--max-characters", type=int, default=500, help="post length limit")
    args = parser.parse_args(argv)
    with Sandbox(args.flavour, args.domain, args.max_characters, port=args.port) as sandbox:
        people = populate_demo(sandbox)
        print(f"{args.flavour} sandbox at {sandbox.base_url} (domain {sandbox.domain})")
        print(f"demo roster: {DEMO_ROSTER}")
        for name, account in people.items():
            print(f"  @{account['acct']:<28} token {sandbox.token_for(name)}")
        print("Ctrl-C to stop.")
        sys.stdout.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
