#!/usr/bin/env python3
"""End to end: the systemd watchdog is fed while frames are presented and
while the schedule has the screen off on purpose (a fake NOTIFY_SOCKET
counts the WATCHDOG=1 messages)."""
import os
import socket
import subprocess
import sys
import tempfile
import time

ticker = sys.argv[1]


def watchdog_pings(config_text):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "notify")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(0.2)
        ini = os.path.join(work, "t.ini")
        with open(ini, "w") as f:
            f.write(config_text)
        env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="2000000")
        env.pop("WATCHDOG_PID", None)
        proc = subprocess.Popen([ticker, "--headless", "--duration", "4", "--synthetic", "5", "-c", ini], env=env,
                                stderr=subprocess.PIPE)
        messages = []
        deadline = time.time() + 30
        while proc.poll() is None and time.time() < deadline:
            try:
                messages.append(sock.recv(4096).decode())
            except socket.timeout:
                pass
        proc.wait(timeout=30)
        sock.close()
        return sum(m.count("WATCHDOG=1") for m in messages), messages


on, messages = watchdog_pings("[display]\ntitle = t\n")
assert on >= 2, ("screen on: the watchdog was fed %d times in 4 s" % on, messages)
assert any("READY=1" in m for m in messages), messages
off, messages = watchdog_pings("[schedule]\ndaily = off\n")
assert off >= 2, ("screen off by the schedule: the watchdog was fed %d times in 4 s" % off, messages)
assert any("screen off (schedule)" in m for m in messages), messages
assert any("READY=1" in m for m in messages), ("started with the screen off: never READY", messages)
print("watchdog end to end: ok (fed %d times with the screen on, %d with it off)" % (on, off))
