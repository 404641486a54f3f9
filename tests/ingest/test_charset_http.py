#!/usr/bin/env python3
"""End to end: feeds whose encoding only the HTTP Content-Type names
(windows-1258 with combining tone marks, windows-1252 with curly quotes),
fetched from tests/feedserver.py by `ticker dump URL`: the titles come out
decoded and in NFC, never refused as "not UTF-8". Argument 1: the binary."""
import json
import subprocess
import os
import sys
import unicodedata

TICKER = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "common"))  # scriptcheck, feedserver
from scriptcheck import check, finish, start_feedserver, stop_feedserver
from feedserver import CHARSET_TITLES

server, base = start_feedserver()
try:
    for charset, titles in CHARSET_TITLES.items():
        run = subprocess.run([TICKER, "dump", base + "/charset/" + charset], capture_output=True, text=True,
                             timeout=60)
        check(run.returncode == 0, "%s: dump exits 0 (%s)" % (charset, run.stderr.strip()))
        items = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
        got = [item["title"] for item in items]
        check(got == titles, "%s: titles decoded: %r" % (charset, got))
        check(all(unicodedata.is_normalized("NFC", t) for t in got), "%s: titles in NFC" % charset)
        check("not UTF-8" not in run.stderr, "%s: not refused as not UTF-8" % charset)
finally:
    stop_feedserver(server)
finish()
