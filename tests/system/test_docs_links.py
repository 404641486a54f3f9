#!/usr/bin/env python3
"""The README and docs/ hold together: every relative link and picture of
README.md and docs/*.md names a file of the repository, every guide is
reachable from docs/README.md, and the README stays short (the reference
belongs in docs/). argv[1] (the ticker) is not used."""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
README_MAX_LINES = 150


def links(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold no links
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text)


def main():
    failed = False
    pages = [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    for page in pages:
        for target in links(page):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
            if not os.path.exists(path):
                print("FAIL: %s links to %s, which is not there" % (os.path.relpath(page, ROOT), target))
                failed = True
    index = " ".join(links(os.path.join(ROOT, "docs", "README.md")))
    for page in pages[1:]:
        name = os.path.basename(page)
        if name != "README.md" and name not in index:
            print("FAIL: docs/README.md does not link docs/%s" % name)
            failed = True
    n = sum(1 for _ in open(os.path.join(ROOT, "README.md"), encoding="utf-8"))
    print("README.md: %d lines; %d pages checked" % (n, len(pages)))
    if n > README_MAX_LINES:
        print("FAIL: README.md has %d lines, more than %d: the reference goes in docs/" % (n, README_MAX_LINES))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
