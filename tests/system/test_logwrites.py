#!/usr/bin/env python3
"""The dm-log-writes replay of the VM test (toolchain/vm/logwrites.py) on a
log laid out as drivers/md/dm-log-writes.c writes it: the super, then per
entry one header sector and the data; a discard and a mark carry none; a
FUA or a mark rewrites the super's count, so entries after the last count
(a cut) are not replayed.  Argument 1 (the ticker binary) is not used."""
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "toolchain", "vm"))
import logwrites  # noqa: E402

SS = 512


def entry(sector, nr, flags, mark=b""):
    header = struct.pack("<QQQQ", sector, nr, flags, len(mark)) + mark
    return header + bytes(SS - len(header))


def build_log(path, counted):
    body = b""
    body += entry(0, 2, 0) + b"A" * (2 * SS)                       # 0: write sectors 0-1
    body += entry(3, 1, logwrites.METADATA) + b"B" * SS            # 1: write sector 3
    body += entry(0, 0, logwrites.FLUSH)                            # 2: flush
    body += entry(1, 1, logwrites.DISCARD)                          # 3: discard sector 1
    body += entry(0, 0, logwrites.MARK, b"committed vm-a-42")      # 4: mark
    body += entry(2, 1, logwrites.FUA) + b"C" * SS                 # 5: FUA write sector 2
    body += entry(3, 1, logwrites.FLUSH) + b"D" * SS               # 6: flush with data (uncounted when counted=6)
    super_ = struct.pack("<QQQI", logwrites.MAGIC, 1, counted, SS)
    with open(path, "wb") as f:
        f.write(super_ + bytes(SS - len(super_)) + body)


def main():
    failures = []

    def check(cond, what):
        print(("ok: " if cond else "FAIL: ") + what)
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as work:
        path, base = os.path.join(work, "log.img"), os.path.join(work, "base.img")
        with open(base, "wb") as f:
            f.write(b"z" * (5 * SS))
        build_log(path, counted=6)
        log = logwrites.Log(path)
        check(len(log.entries) == 6, "the super's count bounds the entries: the 7th, uncounted, is left out")
        check(log.flush_points() == [2, 5], "flush points: the flush (2) and the FUA write (5)")
        check(log.entries[4].mark == "committed vm-a-42", "the mark's text is read from its header sector")
        replay = logwrites.Replay(log, base, os.path.join(work, "disk.img"))
        replay.apply_through(2)
        disk = open(replay.target, "rb").read()
        check(disk == b"A" * (2 * SS) + b"z" * SS + b"B" * SS + b"z" * SS, "at the flush: the two writes")
        replay.apply_through(5)
        disk = open(replay.target, "rb").read()
        check(disk == b"A" * SS + bytes(SS) + b"C" * SS + b"B" * SS + b"z" * SS,
              "at the FUA: the discard as zeros, then the FUA write (the mark between them writes nothing)")
        replay.close()
        check(open(base, "rb").read() == b"z" * (5 * SS), "the base disk is left as it was")
        build_log(path, counted=7)
        replay = logwrites.Replay(logwrites.Log(path), base, os.path.join(work, "disk.img"))
        replay.apply_through(6)
        replay.close()
        check(open(replay.target, "rb").read()[3 * SS:4 * SS] == b"D" * SS, "a flush with data writes its data")
        with open(path, "r+b") as f:
            f.write(struct.pack("<Q", 0x1234))
        try:
            logwrites.Log(path)
            check(False, "a file without the magic is refused")
        except ValueError as e:
            check("not a dm-log-writes log" in str(e), "a file without the magic is refused: " + str(e))
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
