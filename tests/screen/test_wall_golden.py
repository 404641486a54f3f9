#!/usr/bin/env python3
"""A wall is one display: each screen of a 3x1 wall rendered by `ticker
screenshot` at the same group time (--group-time, --wall-pos), stitched
side by side, equals one render of the whole wall with the bezels cut out
of it, pixel for pixel; and the crawl that crosses the bezels is really
there (the screens differ, and a moment later everything has moved on).

    python3 tests/screen/test_wall_golden.py build/ticker [STITCHED.png]
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

W, H, BEZEL, COLS = 640, 360, 40, 3


def read_png(path):
    """8-bit RGB or RGBA, non-interlaced (what pngio writes): rows of RGB."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (n,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and not interlace, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
    return width, height, rows


def write_png(path, width, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def shot(ticker, work, config, size, at, out, wall_pos=None):
    cmd = [ticker, "-c", config, "screenshot", "--synthetic", "12", "--size", size, "--group-time", str(at),
           "--clock", "2026-12-07 09:30", "-o", out]
    if wall_pos is not None:
        cmd += ["--wall-pos", "%d,0" % wall_pos]
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    subprocess.run(cmd, check=True, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return read_png(out)


def stitched_and_whole(ticker, work, at):
    wall = os.path.join(work, "wall.ini")
    whole_ini = os.path.join(work, "whole.ini")
    with open(wall, "w") as f:
        f.write("[display]\ntitle = Triển lãm Quốc phòng\n[sync]\ncolumns = %d\nrows = 1\nbezel = %d\n" % (COLS, BEZEL))
    with open(whole_ini, "w") as f:
        f.write("[display]\ntitle = Triển lãm Quốc phòng\n")
    screens = [shot(ticker, work, wall, "%dx%d" % (W, H), at, os.path.join(work, "s%d.png" % c), c) for c in range(COLS)]
    total = COLS * W + (COLS - 1) * BEZEL
    _, _, whole = shot(ticker, work, whole_ini, "%dx%d" % (total, H), at, os.path.join(work, "whole.png"))
    stitched = [b"".join(s[2][y] for s in screens) for y in range(H)]
    cut = [b"".join(row[3 * c * (W + BEZEL):3 * (c * (W + BEZEL) + W)] for c in range(COLS)) for row in whole]
    return screens, stitched, cut


def main():
    ticker = os.path.abspath(sys.argv[1])
    keep = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as work:
        screens, stitched, cut = stitched_and_whole(ticker, work, 37.5)
        for s in screens:
            assert (s[0], s[1]) == (W, H), "each screen is drawn at its own size"
        assert len({tuple(s[2]) for s in screens}) == COLS, "the three screens show different parts of the wall"
        band = range(H - 40, H)  # the crawl's band: its headlines cross from screen to screen
        for c in range(COLS):
            assert len({screens[c][2][y] for y in band}) > 2, "screen %d's crawl band has text on it" % c
        bad = [y for y in range(H) if stitched[y] != cut[y]]
        assert not bad, "stitched screens differ from the whole wall's render in %d rows (first %d)" % (len(bad), bad[0])
        _, later, _ = stitched_and_whole(ticker, work, 38.0)
        assert later != stitched, "half a second later the crawl has moved"
        if keep:
            write_png(keep, COLS * W, stitched)
    print("test_wall_golden: 3 screens of %dx%d with %d px bezels equal one render of the wall: 1 passed, 0 failed"
          % (W, H, BEZEL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
