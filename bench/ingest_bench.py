#!/usr/bin/env python3
"""The cost of reading a large feed: `ticker dump FEED > /dev/null` against
`xmllint --noout FEED` on the same generated RSS 2.0 file (Vietnamese
titles, CDATA descriptions with an <img>, media:content, dates), side by
side, several rounds alternating so load from elsewhere hits both alike.
Prints one JSON line per size: the best wall time of each and their
ratio, the best CPU time (user + system, steadier on a shared machine) and
its ratio, and each one's peak resident memory (ru_maxrss of the child).
Also times the two worst shapes for linear work: a text page of 100,000
headline lines and a feed item with 100,000 media:description captions.
Figures only: it never fails on a slow machine.

Usage: bench/ingest_bench.py [--ticker build/ticker] [--sizes 10,20] [--rounds 3]
       bench/ingest_bench.py --sizes 2 --write FEED   (the feed alone, for callgrind)
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def make_feed(path, megabytes):
    item = ("<item><title>Tin số %d: Bộ trưởng Quốc phòng hội đàm với người đồng cấp &amp; ký kết hợp tác</title>"
            "<link>https://vnexpress.net/tin-%d.html</link><guid>https://vnexpress.net/tin-%d.html</guid>"
            "<pubDate>Wed, 16 Jul 2025 09:30:00 +0700</pubDate>"
            "<description><![CDATA[<a href=\"https://vnexpress.net/tin-%d.html\"><img src=\"https://i1.vnecdn.net/"
            "%d.jpg\"></a></br>Hai bên nhất trí thúc đẩy hợp tác gìn giữ hòa bình, khắc phục hậu quả chiến tranh "
            "và đào tạo nguồn nhân lực trong thời gian tới.]]></description>"
            "<media:content url=\"https://i1.vnecdn.net/%d-large.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
            "<media:description>Quang cảnh hội đàm số %d.</media:description></media:content></item>\n")
    target = megabytes * 1024 * 1024
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Bench</title>'
                "<link>https://vnexpress.net/</link>\n")
        written, k = 0, 0
        while written < target:
            chunk = item % ((k,) * 7)
            f.write(chunk)
            written += len(chunk.encode())
            k += 1
        f.write("</channel></rss>\n")
    return k


def run(command):
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one child."""
    start = time.monotonic()
    with open(os.devnull, "w") as null:
        proc = subprocess.Popen(command, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.stderr.close()
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed" % " ".join(command))
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ticker", default="build/ticker")
    parser.add_argument("--sizes", default="10,20")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", metavar="FEED", help="write the feed of the first size there and stop")
    args = parser.parse_args()
    if args.write:
        print(json.dumps({"feed": args.write, "items": make_feed(args.write, int(args.sizes.split(",")[0]))}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "bench.ini")  # the default input cap is 20 MB
        with open(config, "w") as f:
            f.write("[fetch]\nmax_bytes = 1073741824\n")
        for mb in [int(s) for s in args.sizes.split(",")]:
            feed = os.path.join(tmp, "feed-%d.rss" % mb)
            items = make_feed(feed, mb)
            best = {"ticker": (1e9, 0, 1e9), "xmllint": (1e9, 0, 1e9)}
            for _ in range(args.rounds):
                for name, command in (("xmllint", ["xmllint", "--noout", feed]),
                                      ("ticker", [args.ticker, "dump", "--config", config, feed])):
                    wall, rss, cpu = run(command)
                    best[name] = (min(best[name][0], wall), max(best[name][1], rss), min(best[name][2], cpu))
            print(json.dumps({"bench": "ingest_feed", "megabytes": mb, "items": items,
                              "ticker_seconds": round(best["ticker"][0], 3),
                              "xmllint_seconds": round(best["xmllint"][0], 3),
                              "ratio": round(best["ticker"][0] / best["xmllint"][0], 2),
                              "ticker_cpu_seconds": round(best["ticker"][2], 3),
                              "xmllint_cpu_seconds": round(best["xmllint"][2], 3),
                              "cpu_ratio": round(best["ticker"][2] / max(best["xmllint"][2], 1e-3), 2),
                              "ticker_peak_rss_mb": round(best["ticker"][1], 1),
                              "xmllint_peak_rss_mb": round(best["xmllint"][1], 1)}), flush=True)
        lines = os.path.join(tmp, "lines.txt")
        with open(lines, "w", encoding="utf-8") as f:
            f.write("Tiêu đề của trang\nĐoạn mở đầu của bài, một câu đủ dài để là đoạn văn.\nTin liên quan\n")
            for k in range(100000):
                f.write("Tin tức số %d về hoạt động của bảo tàng tỉnh\n" % k)
        captions = os.path.join(tmp, "captions.rss")
        with open(captions, "w", encoding="utf-8") as f:
            f.write('<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>K</title>'
                    "<item><title>Một bài nhiều ảnh</title><link>https://x.vn/0</link>")
            for k in range(100000):
                f.write("<media:description>Ảnh số %d của bộ sưu tập</media:description>" % k)
            f.write("</item></channel></rss>")
        for name, path in (("100k_headline_lines", lines), ("100k_captions", captions)):
            wall, rss, _ = min(run([args.ticker, "dump", "--config", config, path]) for _ in range(args.rounds))
            print(json.dumps({"bench": "ingest_" + name, "seconds": round(wall, 3), "peak_rss_mb": round(rss, 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
