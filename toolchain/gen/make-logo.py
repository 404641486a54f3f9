#!/usr/bin/env python3
"""Draws assets/logo.png: a gold five-pointed star on a red disc with a gold
ring, anti-aliased, transparent outside. Python stdlib only (zlib), so the
logo can be remade anywhere: python3 toolchain/gen/make-logo.py assets/logo.png"""
import math
import struct
import sys
import zlib

SIZE = 256
SAMPLES = 4  # per axis, for anti-aliasing
RED = (200, 16, 46)
GOLD = (242, 193, 78)


def star_contains(x, y, cx, cy, outer, inner):
    # Even-odd test against the star polygon (10 points, first point up).
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def colour_at(x, y):
    c = SIZE / 2
    d = math.hypot(x - c, y - c)
    if d > SIZE / 2 - 2:
        return None
    if d > SIZE / 2 - 14:
        return GOLD
    if star_contains(x, y, c, c + 6, SIZE * 0.36, SIZE * 0.145):
        return GOLD
    return RED


def main(path):
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            acc = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    col = colour_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    if col:
                        acc[0] += col[0]
                        acc[1] += col[1]
                        acc[2] += col[2]
                        acc[3] += 1
            n = acc[3]
            if n:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (SAMPLES * SAMPLES)])
            else:
                row += bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "assets/logo.png")
