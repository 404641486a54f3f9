#!/usr/bin/env python3
"""Peak memory of `ticker screenshot` with each kind of decompression bomb
as an item's picture (and an ordinary photo to compare), measured with
/usr/bin/time -v (maximum resident set size). A benchmark: it prints
figures and never fails on a slow machine.

  bench/picture_bombs_bench.py TICKER BENCH_PICTURE_BOMBS [TICKER_OLD]

BENCH_PICTURE_BOMBS is build/bench/bench_picture_bombs (it writes the
bombs); with TICKER_OLD the same runs are made with that program too."""
import os
import re
import subprocess
import sys
import tempfile

PICTURES = ["ordinary.jpg", "bomb.gif", "bomb-progressive.jpg", "bomb-16bit.png", "bomb-lossless.webp"]
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Bombs</title><link>https://example.vn/</link>
<item><title>Tin có ảnh</title><link>https://example.vn/a</link><guid>a</guid><description>Một tin.</description>
<enclosure url="{0}" type="image/jpeg" length="1"/></item></channel></rss>
"""


def screenshot(ticker, work, picture):
    feed = os.path.join(work, "feed-" + picture + ".xml")
    with open(feed, "w", encoding="utf-8") as f:
        f.write(FEED.format(picture))
    cache = tempfile.mkdtemp(dir=work)
    run = subprocess.run(["/usr/bin/time", "-v", ticker, "screenshot", "--cache", os.path.join(cache, "cache.db"),
                          "-o", os.path.join(cache, "shot.png"), feed], capture_output=True, text=True, timeout=300)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", run.stderr)
    refused = [line for line in run.stderr.splitlines() if "picture" in line and "warning" in line]
    return int(rss.group(1)) // 1024 if rss else -1, wall.group(1) if wall else "?", run.returncode, refused


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    programs = [("new", sys.argv[1])] + ([("old", sys.argv[3])] if len(sys.argv) > 3 else [])
    env_defaults = {"SDL_VIDEODRIVER": "dummy", "SDL_RENDER_DRIVER": "software"}
    for key, value in env_defaults.items():
        os.environ.setdefault(key, value)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.argv[2], work], check=True)
        for label, ticker in programs:
            for picture in PICTURES:
                size = os.path.getsize(os.path.join(work, picture))
                mb, wall, status, refused = screenshot(ticker, work, picture)
                print(f"{label} {picture:22} {size:>8} bytes: peak RSS {mb:4} MB, {wall} s, exit {status}"
                      + (f"; {refused[0].split('warning: ')[-1][:150]}" if refused else ""))


if __name__ == "__main__":
    main()
