#!/usr/bin/env python3
"""The flow check: every #include in firmware/ names its folder, and a stage
includes only its own headers and those of the stages it uses.

    check-flow.py [--max-c-lines N] [--libs "LIB=PREFIX,...;..." --owners "STAGE=LIB[:GLOB,...];..."]
                  FIRMWARE_DIR "STAGE=USED,USED;STAGE=..."

The table comes from firmware/CMakeLists.txt (ticker_stage), the same one
that gives each stage's library its include directory, so the compiler and
this check cannot disagree. The compiler already refuses a backwards
include; this also refuses what it would let through: an include by a
relative path ("../live/fetch.h"), a header without its folder, a file
outside every stage, and (with --max-c-lines) a C file over the house limit.
With --libs and --owners (the library table of the top CMakeLists.txt and
the stages' LIBS) it also checks every #include <...> of a third-party
library: the file's stage must own the library, for all its files or for
this one (a LIB:GLOB entry; the glob matches the file's name without its
extension), as the guards of toolchain/gen/gen-owned-headers.py make the
compiler check.
Prints one line per fault (file:line: what) and exits 1 when there is any.
"""
import fnmatch
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s*<([^>]+)>')


def parse_table(args):
    table = {}
    for arg in args:
        for entry in arg.split(';'):
            if not entry:
                continue
            name, _, uses = entry.partition('=')
            table[name] = {name} | {u for u in uses.split(',') if u}
    return table


def parse_libs(arg):
    libs = {}
    for entry in arg.split(';'):
        if entry:
            name, _, prefixes = entry.partition('=')
            libs[name] = [p for p in prefixes.split(',') if p]
    return libs


def parse_owners(arg):
    """stage -> lib -> globs (None: the whole stage)."""
    owners = {}
    for entry in arg.split(';'):
        if not entry:
            continue
        stage, _, owned = entry.partition('=')
        lib, _, globs = owned.partition(':')
        libs = owners.setdefault(stage, {})
        if not globs:
            libs[lib] = None
        elif libs.get(lib, []) is not None:
            libs[lib] = libs.get(lib, []) + globs.split(',')
    return owners


def library_of(header, libs):
    """The library whose longest prefix matches, as gen-owned-headers.py decides."""
    best, best_len = None, -1
    for lib, prefixes in libs.items():
        for prefix in prefixes:
            if header.startswith(prefix) and len(prefix) > best_len:
                best, best_len = lib, len(prefix)
    return best


def check_library(path, rel, number, header, stage, libs, owners, faults):
    lib = library_of(header, libs)
    if lib is None:
        return
    owned = owners.get(stage, {})
    if lib in owned:
        globs = owned[lib]
        stem = os.path.splitext(os.path.basename(path))[0]
        if globs is None or any(fnmatch.fnmatchcase(stem, g) for g in globs):
            return
        faults.append(f'{rel}:{number}: <{header}> is {lib}\'s, which {stage} owns only in '
                      f'{", ".join(globs)}: move the code there')
        return
    mine = ', '.join(sorted(owned)) or 'none'
    faults.append(f'{rel}:{number}: <{header}> is {lib}\'s, which {stage} does not own '
                  f'({stage} owns {mine})')


def check_file(path, rel, stage, table, faults, max_c_lines, libs=None, owners=None):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.readlines()
    if max_c_lines and path.endswith('.c') and len(lines) > max_c_lines:
        faults.append(f'{rel}: {len(lines)} lines, over the limit of {max_c_lines}: split it by job')
    for number, line in enumerate(lines, 1):
        m = SYSTEM_INCLUDE.match(line)
        if m and libs:
            check_library(path, rel, number, m.group(1), stage, libs, owners, faults)
            continue
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
    libs, owners = {}, {}
    while len(args) > 1 and args[0] in ('--max-c-lines', '--libs', '--owners'):
        if args[0] == '--max-c-lines':
            max_c_lines = int(args[1])
        elif args[0] == '--libs':
            libs = parse_libs(args[1])
        else:
            owners = parse_owners(args[1])
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
            check_file(path, rel, stage, table, faults, max_c_lines, libs, owners)
            checked += 1
    for fault in faults:
        print(fault)
    print(f'check-flow: {checked} files, {len(faults)} faults')
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main())
