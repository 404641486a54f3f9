#!/usr/bin/env python3
"""Screens in step, a short round of bench/sync_harness.py: a leader and two
followers on 127.0.0.1 whose clocks are off by +40 ms (drifting 100 ppm)
and -25 ms. The bounds are about correctness, not this machine's speed:
uncorrected, the followers would be 65 ms = 3.9 frames apart and each
25-40 ms (1.5-2.4 frames) off the leader; corrected they agree within a
frame, so a p99 of under 2 frames of placement error can only be met by a
group that measures and corrects its clocks. Then the faults: a follower
of another screen size is refused with the reason, and one with another
key (a stray device) believes nothing; both still show their own items.

    python3 tests/system/test_sync.py build/ticker
"""
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HARNESS = os.path.join(HERE, "..", "..", "bench", "sync_harness.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def harness_round(ticker, work):
    out = os.path.join(work, "figures.json")
    r = subprocess.run([sys.executable, HARNESS, ticker, "--seconds", "32", "--settle", "8", "--json", out,
                        "--dir", os.path.join(work, "round")], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    with open(out) as f:
        fig = json.load(f)
    with open(os.path.join(work, "round", "output.txt")) as f:
        log = f.read()
    assert log.count("joined the leader") == 2, log
    for pair, p in fig["pairs"].items():
        placement = p["placement"]
        assert placement["count"] > 500, (pair, placement)
        assert placement["p99_frames"] < 2, (pair, placement)
        assert p["shown"]["p50_frames"] <= 1, (pair, p["shown"])
    for screen, faults in fig["faults"].items():
        assert faults["blank_frames"] == 0, (screen, faults)
    print("sync round: " + ", ".join("%s p99 %.2f frames" % (k, v["placement"]["p99_frames"]) for k, v in fig["pairs"].items()))


def run(ticker, config, size, log, seconds, env_extra=None):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    env.pop("TICKER_TEST_CLOCK", None)
    env.update(env_extra or {})
    return subprocess.Popen([ticker, "-c", config, "run", "--headless", "--size", size, "--synthetic", "20",
                             "--duration", str(seconds), "--frame-log", log,
                             "--cache", log + ".db"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def faults_round(ticker, work):
    key, port = secrets.token_hex(32), free_port()
    def config(name, role, k, extra=""):
        path = os.path.join(work, name + ".ini")
        with open(path, "w") as f:
            f.write("[sync]\nrole = %s\nkey = %s\nfallback_seconds = 3\n%s" % (role, k, extra))
            f.write("bind = 127.0.0.1:%d\n" % port if role == "leader" else "leader = http://127.0.0.1:%d\n" % port)
        return path
    leader = run(ticker, config("leader", "leader", key), "640x360", os.path.join(work, "l.log"), 14)
    time.sleep(1)
    small = run(ticker, config("small", "follower", key), "480x270", os.path.join(work, "small.log"), 10)
    stray = run(ticker, config("stray", "follower", secrets.token_hex(32)), "640x360", os.path.join(work, "stray.log"), 10)
    outs = {name: p.communicate(timeout=120)[0] for name, p in (("small", small), ("stray", stray), ("leader", leader))}
    assert "refuses this screen: screen size: the leader's is 640x360 rotated 0, this one's 480x270" in outs["small"], outs["small"]
    assert "does not match the group's key" in outs["stray"], outs["stray"]
    for name in ("small", "stray"):
        assert "joined the leader" not in outs[name], outs[name]
        with open(os.path.join(work, name + ".log")) as f:
            last = f.readlines()[-1].split()
        assert int(last[4]) > 0 and int(last[3]) > 0, (name, last)  # its own items, on screen
    print("faults: refused with the reason, a stray key believed nothing, both show their own items")


def main():
    ticker = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        harness_round(ticker, work)
        faults_round(ticker, work)
    print("test_sync: 2 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
