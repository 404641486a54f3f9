#!/usr/bin/env python3
"""The flow check: every #include in firmware/ names its folder, and a stage
includes only its own headers and those of the stages it uses.

    check-flow.py [--max-c-lines N] FIRMWARE_DIR "STAGE=USED,USED;STAGE=..."

The table comes from firmware/CMakeLists.txt (ticker_stage), the same one
that gives each stage's library its include directory, so the compiler and
this check cannot disagree. The compiler already refuses a backwards
include; this also refuses what it would let through: an include by a
relative path ("../live/fetch.h"), a header without its folder, a file
outside every stage, and (with --max-c-lines) a C file over the house limit.
Prints one line per fault (file:line: what) and exits 1 when there is any.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def parse_table(args):
    table = {}
    for arg in args:
        for entry in arg.split(';'):
            if not entry:
                continue
            name, _, uses = entry.partition('=')
            table[name] = {name} | {u for u in uses.split(',') if u}
    return table


def check_file(path, rel, stage, table, faults, max_c_lines):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.readlines()
    if max_c_lines and path.endswith('.c') and len(lines) > max_c_lines:
        faults.append(f'{rel}: {len(lines)} lines, over the limit of {max_c_lines}: split it by job')
    for number, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        target = m.group(1)
        folder, slash, _ = target.partition('/')
        if '..' in target.split('/') or target.startswith('/'):
            faults.append(f'{rel}:{number}: "{target}" is included by a path: name its folder instead')
        elif not slash:
            faults.append(f'{rel}:{number}: "{target}" does not name its folder (e.g. "base/{target}")')
        elif folder not in table:
            faults.append(f'{rel}:{number}: "{target}": no stage is called {folder}')
        elif folder not in table[stage]:
            allowed = ', '.join(sorted(table[stage]))
            faults.append(f'{rel}:{number}: {stage} includes "{target}" against the flow '
                          f'({stage} may use {allowed})')


def main():
    args = sys.argv[1:]
    max_c_lines = 0
    if len(args) > 1 and args[0] == '--max-c-lines':
        max_c_lines = int(args[1])
        args = args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    firmware = args[0]
    top = os.path.dirname(os.path.abspath(firmware))
    table = parse_table(args[1:])
    faults = []
    checked = 0
    for root, _, files in os.walk(firmware):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, name)
            stage = os.path.relpath(root, firmware).split(os.sep)[0]
            rel = os.path.relpath(path, top)
            if stage not in table:
                faults.append(f'{rel}: not in a stage folder ({", ".join(sorted(table))})')
                continue
            check_file(path, rel, stage, table, faults, max_c_lines)
            checked += 1
    for fault in faults:
        print(fault)
    print(f'check-flow: {checked} files, {len(faults)} faults')
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main())
