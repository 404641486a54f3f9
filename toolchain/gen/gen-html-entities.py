#!/usr/bin/env python3
"""Writes the C table of every HTML named character reference (the WHATWG
HTML Standard's list, 2,125 names with their ';'), for ingest/entity, from
Python's html.entities.html5: the standard's table as the Python project
keeps it, on every Debian machine that builds ticker (python3 is part of the
build). Run by CMake at build time, on the build machine (also for a cross
build: the table is data, the same for every target).

Usage: gen-html-entities.py OUTPUT.h
"""
import html.entities
import sys


def c_bytes(text):
    return "".join("\\x%02X" % b for b in text.encode("utf-8"))


def main():
    out = sys.argv[1]
    # Only the names with their ';': the legacy ones without it ("&amp",
    # "&nbsp") are an HTML parser's error recovery, not references a feed
    # writes; the bare '&' is xmlrepair's.
    names = sorted(name[:-1] for name in html.entities.html5 if name.endswith(";"))
    longest = max(len(n) for n in names)
    widest = max(len(html.entities.html5[n + ";"].encode("utf-8")) for n in names)
    lines = [
        "/* Generated at build time by toolchain/gen/gen-html-entities.py from Python's",
        " * html.entities.html5 (the WHATWG HTML Standard's named character",
        " * references). Do not edit: the build writes it again. */",
        "#define ENTITY_TABLE_LONGEST_NAME %d" % longest,
        "#define ENTITY_TABLE_WIDEST_TEXT %d" % widest,
        "/* Sorted by name in strcmp order, for bsearch. */",
        "static const struct entity_name {",
        "    const char *name; /* without '&' and ';' */",
        "    const char *utf8;",
        "} entity_names[] = {",
    ]
    for name in names:
        lines.append('    {"%s", "%s"},' % (name, c_bytes(html.entities.html5[name + ";"])))
    lines.append("};")
    with open(out, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
