#!/usr/bin/env python3
"""`ticker dump` of a large feed file prints its items while it reads the
file: with its output not read (a full pipe), dump stops in the middle, and
at that moment it has the feed open and has read only part of it. Then all
of its items come out, the same as a small feed's reading gives. It has
not loaded libvips (only commands that draw do). Usage:
tests/ingest/test_dump_stream.py TICKER"""
import json
import os
import subprocess
import sys
import tempfile
import time

ITEM = ("<item><title>Tin số {k}: hội đàm &amp; ký kết&nbsp;hợp tác</title>"
        "<link>https://bao.vn/tin-{k}.html</link><guid>https://bao.vn/tin-{k}.html</guid>"
        "<description><![CDATA[<p>Hai bên nhất trí thúc đẩy hợp tác số {k}.</p>]]></description></item>\n")


def feed_position(pid, path):
    """The offset of pid's descriptor on path, or None when it has none open."""
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except FileNotFoundError:
        return None
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path:
                with open("/proc/%d/fdinfo/%s" % (pid, fd)) as info:
                    return int(info.readline().split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return None


def writing(pid):
    """Whether pid waits in a write to a full pipe."""
    try:
        with open("/proc/%d/wchan" % pid) as f:
            return f.read().strip().endswith("pipe_write")  # pipe_write, anon_pipe_write
    except FileNotFoundError:
        return False


def main():
    ticker = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "large.rss")
        count = 60000  # about 17 MB: far more than a pipe holds
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo</title>\n')
            for k in range(count):
                f.write(ITEM.format(k=k))
            f.write("</channel></rss>\n")
        size = os.path.getsize(path)
        config = os.path.join(tmp, "ticker.ini")
        with open(config, "w") as f:
            f.write("[fetch]\nmax_bytes = 104857600\n")
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        env.pop("TICKER_CONFIG", None)
        proc = subprocess.Popen([ticker, "dump", "--config", config, path], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
        # Nothing is read from the pipe yet: dump blocks once it is full. Wait
        # (generously: the machine is shared) until its position in the feed
        # stops moving.
        position, last, steady = None, -1, 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and steady < 5 and proc.poll() is None:
            position = feed_position(proc.pid, path)
            steady = steady + 1 if position == last and (position is not None or writing(proc.pid)) else 0
            last = position
            time.sleep(0.2)
        # dump decodes no pictures: libvips and the libraries it brings are
        # not even loaded (half of the program's start).
        try:
            with open("/proc/%d/maps" % proc.pid) as f:
                maps = f.read()
        except FileNotFoundError:
            maps = ""
        output = proc.stdout.read()
        status = proc.wait()
        assert status == 0, "dump failed: %d" % status
        assert position is not None, "dump did not have the feed open while its output waited"
        assert 0 < position < size // 2, "dump had read %d of %d bytes before printing" % (position, size)
        assert maps, "dump ended before its memory map could be read"
        assert "libvips" not in maps, "dump loaded libvips"
        items = [json.loads(line) for line in output.decode("utf-8").splitlines()]
        assert len(items) == count, len(items)
        assert items[0]["title"] == "Tin số 0: hội đàm & ký kết hợp tác", items[0]["title"]
        assert items[-1]["link"] == "https://bao.vn/tin-%d.html" % (count - 1)
        assert len({it["id"] for it in items}) == count
    print("dump streams: blocked at byte %d of %d with its output full; %d items" % (position, size, count))


if __name__ == "__main__":
    main()
