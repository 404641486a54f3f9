#!/usr/bin/env python3
"""Counts the pixels where two 8-bit RGB PNGs (as the ticker writes them)
differ; prints "SIZE_A SIZE_B COUNT". Exits 1 when the sizes differ or more
than MAX (argument 3, default 0) pixels do. Arguments: A.png B.png [MAX]."""
import struct
import sys
import zlib


def read(path):
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
    if depth != 8 or colour != 2:
        sys.exit("%s: not 8-bit RGB" % path)
    raw, stride, rows, prev, i = zlib.decompress(idat), w * 3, [], bytearray(w * 3), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - 3] if x >= 3 else 0
            b = prev[x]
            c = prev[x - 3] if x >= 3 else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows


def main():
    a, b = read(sys.argv[1]), read(sys.argv[2])
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    count = 0
    if a[:2] == b[:2]:
        for ra, rb in zip(a[2], b[2]):
            if ra != rb:
                count += sum(ra[k:k + 3] != rb[k:k + 3] for k in range(0, len(ra), 3))
    print("%dx%d %dx%d %d" % (a[0], a[1], b[0], b[1], count))
    return 0 if a[:2] == b[:2] and count <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
