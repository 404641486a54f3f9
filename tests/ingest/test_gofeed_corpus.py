#!/usr/bin/env python3
"""A real corpus nobody here wrote: gofeed's test feeds (Debian's
golang-github-mmcdole-gofeed-dev, about 500 RSS, Atom and JSON Feed files,
each with the JSON gofeed reads from it). Every file goes through `ticker dump`:
no crash, no hang, no sanitizer report (this test runs in the ASan+UBSan
build too). Where the meanings agree -- an item's title and link -- the
items are compared with gofeed's and the match rate printed; a rate below
the floor (what this build read when the floor was set) fails.

usage: test_gofeed_corpus.py TICKER [CORPUS]   (exit 77 when the corpus is
not installed: `toolchain/install-deps.sh --test` installs it)
"""
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

CORPUS = "/usr/share/gocode/src/github.com/mmcdole/gofeed/testdata"
# The floors, in percent: raise them when the reading improves, never lower.
FLOOR = {"title": 100.0, "link": 100.0, "summary": 85.0}
VERBOSE = bool(os.environ.get("TICKER_CORPUS_VERBOSE"))
TIMEOUT = 60  # seconds per file: far over the few milliseconds one takes


def norm(text):
    """Text as a screen shows it: gofeed keeps an Atom title's markup and
    entities, the kiosk shows their text."""
    text = text if isinstance(text, str) else ""
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def shown(text):
    """The kiosk's own text as its screen shows it: already plain text (a
    "<p>" in it is what the publisher wrote and the screen shows), so only
    its spaces and normal form are compared."""
    text = text if isinstance(text, str) else ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def expected_items(json_path):
    """gofeed's items (RSS and universal: "items"; its Atom parser: "entries")."""
    try:
        with open(json_path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    items = data.get("items", data.get("entries"))
    return items if isinstance(items, list) else None


def link_of(item):
    link = item.get("link", item.get("url"))  # JSON Feed: "url"
    if isinstance(link, str):
        return link
    for entry in item.get("links") or []:
        if isinstance(entry, dict) and entry.get("rel", "alternate") == "alternate" and entry.get("href"):
            return entry["href"]
        if isinstance(entry, str):
            return entry
    return ""


def dump(ticker, path):
    try:
        result = subprocess.run([ticker, "-c", "/dev/null", "dump", path], capture_output=True,
                                timeout=TIMEOUT, env=dict(os.environ, TZ="UTC"))
    except subprocess.TimeoutExpired:
        return "hang", [], ""
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode < 0 or result.returncode >= 128:
        return "crash %d" % result.returncode, [], err
    if "ERROR: AddressSanitizer" in err or "runtime error:" in err or "ERROR: LeakSanitizer" in err:
        return "sanitizer", [], err
    items = []
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        try:
            items.append(json.loads(line))
        except ValueError:
            return "not JSON lines", [], line
    return "", items, err


def main():
    ticker = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else CORPUS
    if not os.path.isdir(corpus):
        print("skip: the gofeed corpus is not installed (%s; apt install golang-github-mmcdole-gofeed-dev)" % corpus)
        return 77
    # Every RSS and Atom file (its reading beside it as NAME.json), and the
    # JSON Feeds gofeed's JSON parser is tested on (NAME.json, its reading
    # NAME_expected.json).
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(corpus) for f in names
                   if f.endswith(".xml") or (f.endswith(".json") and f[:-5] + "_expected.json" in names))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: (p, dump(ticker, p)), files))
    faults = [(p, what, err) for p, (what, _, err) in results if what]
    counts = {"title": [0, 0], "link": [0, 0], "summary": [0, 0]}
    for path, (what, items, _) in results:
        expected = expected_items(path[:-5] + "_expected.json" if path.endswith(".json") else path[:-4] + ".json")
        if what or expected is None:
            continue
        titles = {shown(i.get("title")) for i in items}
        with open(path, "rb") as f:
            raw = f.read()
            naked_title = (re.search(rb"<title[^>]*>\s*<(?!!\[CDATA\[)", raw) is not None or
                           re.search(rb"<title[^>]*>\s*<!\[CDATA\[[^\]]*<([a-zA-Z]+)[^>]*>[^<]+</\1>", raw) is not None)
        links = {i.get("link", "") for i in items}
        summaries = {norm(i.get("summary")) for i in items}
        for item in expected:
            if not isinstance(item, dict):
                continue
            title = norm(item.get("title"))
            # RSS titles are plain text: escaped markup ("&lt;p&gt;", a tag
            # only named in a CDATA section) is shown as written, which
            # gofeed's string holds with its references decoded; a naked
            # element (<title><p>), or elements wrapping words in a CDATA
            # section (a CMS's HTML), is markup, its text shown
            if "/rss/" in path and not naked_title:
                title = shown(html.unescape(item.get("title") or ""))
            if title:
                counts["title"][1] += 1
                counts["title"][0] += title in titles
                if VERBOSE and title not in titles:
                    print("title: %s: %r not in %r" % (os.path.relpath(path, corpus), title, titles))
            summary = norm(item.get("description") or item.get("summary") or item.get("content")
                           or item.get("content_text") or item.get("content_html"))
            if summary:  # an item with no title shows its text as its headline
                counts["summary"][1] += 1
                counts["summary"][0] += summary in summaries
                if VERBOSE and summary not in summaries:
                    print("summary: %s: %r not in %r" % (os.path.relpath(path, corpus), summary, summaries))
            link = link_of(item)
            if link and title:  # the kiosk shows no item without a title
                counts["link"][1] += 1
                counts["link"][0] += link in links
                if VERBOSE and link not in links:
                    print("link: %s: %r not in %r" % (os.path.relpath(path, corpus), link, links))
    print("gofeed corpus: %d files, %d crashes, %d hangs, %d sanitizer reports" % (
        len(files), sum(w.startswith("crash") for _, w, _ in faults), sum(w == "hang" for _, w, _ in faults),
        sum(w == "sanitizer" for _, w, _ in faults)))
    failed = False
    for path, what, err in faults:
        print("FAIL: %s: %s\n%s" % (os.path.relpath(path, corpus), what, err[-2000:]))
        failed = True
    for field, (hit, total) in counts.items():
        if not total:
            print("match rate, %s: no item of the corpus has one to compare" % field)
            continue
        rate = 100.0 * hit / total
        print("match rate, %s: %.1f%% (%d of %d items where gofeed reads one)" % (field, rate, hit, total))
        if rate < FLOOR[field]:
            print("FAIL: the %s match rate fell below its floor of %.1f%%" % (field, FLOOR[field]))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
