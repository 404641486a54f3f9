#!/usr/bin/env python3
"""The sub-system folders of a stage, counted: files per folder, the
includes between folders, the includes that run back (A includes B and B,
through any folder, includes A: a circle between folders) and the circles
between modules (x.c, x.h and x_parts.h, its private header, are one module).

    folder-graph.py [--as OTHER_FIRMWARE_DIR] FIRMWARE_DIR STAGE [STAGE...]

--as counts FIRMWARE_DIR's files as if each sat in the folder its name has
in OTHER_FIRMWARE_DIR: how a flat stage looks through the sub-systems of
the new layout (the figures before a move). Only "STAGE/..." includes count;
the flow between stages is check-flow.py's. Exits 1 when any folder is in a
circle (a sub-system and another that includes back into it).
"""
import os
import re
import sys
from collections import defaultdict

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def files_of(firmware, stage):
    top = os.path.join(firmware, stage)
    for root, _, names in os.walk(top):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                yield os.path.relpath(os.path.join(root, name), firmware).replace(os.sep, '/')


def places(other, stage):
    """basename -> folder, from another tree."""
    return {os.path.basename(f): os.path.dirname(f) for f in files_of(other, stage)}


def module(name):
    stem = os.path.splitext(name)[0]
    return stem[:-len('_parts')] if stem.endswith('_parts') else stem


def sccs(nodes, edges):
    """Tarjan: the strongly connected components of a small graph."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def count(firmware, stage, plan):
    folder_of, includes = {}, []
    for rel in files_of(firmware, stage):
        base = os.path.basename(rel)
        folder_of[base] = plan.get(base, os.path.dirname(rel)) if plan else os.path.dirname(rel)
        with open(os.path.join(firmware, rel), encoding='utf-8', errors='replace') as f:
            for line in f:
                m = INCLUDE.match(line)
                if m and m.group(1).startswith(stage + '/'):
                    includes.append((base, os.path.basename(m.group(1))))
    per_folder = defaultdict(int)
    for base, folder in folder_of.items():
        per_folder[folder] += 1
    folder_edges, module_edges, crossing = defaultdict(set), defaultdict(set), defaultdict(int)
    for source, target in includes:
        if target not in folder_of:
            continue
        a, b = folder_of[source], folder_of[target]
        ma, mb = (a, module(source)), (b, module(target))
        if ma != mb:
            module_edges[ma].add(mb)
        if a != b:
            folder_edges[a].add(b)
            crossing[(a, b)] += 1
    folder_circles = [c for c in sccs(per_folder, folder_edges) if len(c) > 1]
    in_circle = {f: i for i, c in enumerate(folder_circles) for f in c}
    back = sum(n for (a, b), n in crossing.items() if a in in_circle and in_circle[a] == in_circle.get(b))
    modules = {(folder_of[b], module(b)) for b in folder_of}
    module_circles = [c for c in sccs(modules, module_edges) if len(c) > 1]
    return per_folder, crossing, back, folder_circles, module_circles


def report(stage, per_folder, crossing, back, folder_circles, module_circles):
    print(f'{stage}: {sum(per_folder.values())} files in {len(per_folder)} folders')
    for folder in sorted(per_folder):
        print(f'  {folder:<20} {per_folder[folder]:>3} files')
    print(f'  includes between folders: {sum(crossing.values())} '
          f'({len(crossing)} folder pairs); running back (in a circle): {back}')
    for (a, b), n in sorted(crossing.items()):
        print(f'    {a} -> {b}: {n}')
    for circle in folder_circles:
        print(f'  CIRCLE between folders: {" -> ".join(circle)}')
    print(f'  circles between modules: {len(module_circles)}'
          + ''.join(f'\n    {" <-> ".join(f"{d}/{m}" for d, m in c)}' for c in module_circles))


def main():
    args = sys.argv[1:]
    other = None
    if len(args) > 1 and args[0] == '--as':
        other, args = args[1], args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    firmware, stages = args[0], args[1:]
    circles = 0
    for stage in stages:
        plan = places(other, stage) if other else None
        figures = count(firmware, stage, plan)
        report(stage, *figures)
        circles += len(figures[3])
    print(f'folder-graph: {circles} circles between folders')
    return 1 if circles else 0


if __name__ == '__main__':
    sys.exit(main())
