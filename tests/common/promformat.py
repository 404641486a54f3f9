#!/usr/bin/env python3
"""Checks a Prometheus text exposition file (version 0.0.4) the way
`promtool check metrics` does where promtool (Debian's prometheus package, the
server) is not installed: every line a comment, HELP, TYPE or sample; names
and labels well formed, label values escaped, values numbers; a family's TYPE
before its samples and once; counters named _total; histograms with a +Inf
bucket, _sum and _count. Prints each problem and exits 1 if any.
Argument 1: the file."""
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(r"^(%s)(\{(?:%s(?:,%s)*,?)?\})? (\S+)( -?\d+)?$" % (NAME, LABEL, LABEL))
VALUE = re.compile(r"^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?Inf|NaN)$")


def family(name, types):
    for suffix in ("_bucket", "_sum", "_count", "_total", ""):
        if suffix and name.endswith(suffix) and name[: -len(suffix)] in types:
            return name[: -len(suffix)]
    return name


def main():
    problems = []
    types, helps, seen_samples = {}, set(), set()
    buckets_inf = set()
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    if text and not text.endswith("\n"):
        problems.append("the file does not end with a newline")
    for number, line in enumerate(text.splitlines(), 1):
        where = "line %d: " % number
        if line.startswith("# HELP "):
            parts = line.split(" ", 3)
            if len(parts) < 4 or not re.fullmatch(NAME, parts[2]):
                problems.append(where + "bad HELP: " + line)
            elif parts[2] in helps:
                problems.append(where + "second HELP for " + parts[2])
            else:
                helps.add(parts[2])
        elif line.startswith("# TYPE "):
            parts = line.split(" ")
            if len(parts) != 4 or not re.fullmatch(NAME, parts[2]) or \
                    parts[3] not in ("counter", "gauge", "histogram", "summary", "untyped"):
                problems.append(where + "bad TYPE: " + line)
            elif parts[2] in types:
                problems.append(where + "second TYPE for " + parts[2])
            elif parts[2] in seen_samples:
                problems.append(where + "TYPE after the samples of " + parts[2])
            else:
                types[parts[2]] = parts[3]
                if parts[3] == "counter" and not parts[2].endswith("_total"):
                    problems.append(where + "counter %s is not named _total" % parts[2])
        elif line.startswith("#") or not line.strip():
            if not line.startswith("#"):
                problems.append(where + "empty line")
        else:
            m = SAMPLE.match(line)
            if not m:
                problems.append(where + "not a sample: " + line)
                continue
            if not VALUE.match(m.group(3)):
                problems.append(where + "value is not a number: " + line)
            fam = family(m.group(1), types)
            seen_samples.add(fam)
            if m.group(1).endswith("_bucket") and 'le="+Inf"' in (m.group(2) or ""):
                buckets_inf.add(fam)
    for name, kind in types.items():
        if kind == "histogram" and name not in buckets_inf:
            problems.append("histogram %s has no +Inf bucket" % name)
        if kind == "histogram" and not re.search(r"^%s_(sum|count)[ {]" % re.escape(name), text, re.M):
            problems.append("histogram %s has no _sum or _count" % name)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
