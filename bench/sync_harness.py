#!/usr/bin/env python3
"""Screens in step: a leader and two followers of one group on 127.0.0.1,
headless (SDL_VIDEODRIVER=dummy), each logging every presented frame
(ticker run --frame-log). The followers' clocks are wrong on purpose
(TICKER_TEST_CLOCK: +40 ms with 100 ppm drift, and -25 ms), so what the
figures show is the group's own measurement of its clocks at work.

Reports, per pair of screens, the crawl position difference at the same
true instant (CLOCK_REALTIME, shared by every process on this machine):
  shown     what a camera would see: each screen's last presented frame at
            instants 1 ms apart (two screens a fraction of a refresh out
            of phase differ by one step part of the time, by nature)
  placement each frame's position against the other screen's positions
            interpolated to that frame's presentation time: the error of
            the group clock and of the prediction alone
in pixels and in frames (one frame = the crawl's step per refresh).
With --kill-leader AT,FOR the leader is killed AT seconds in and started
again FOR seconds later: blank frames, the longest pause between frames,
the largest jump of any screen and the time to rejoin are reported.

    python3 bench/sync_harness.py build/ticker --seconds 600
    python3 bench/sync_harness.py build/ticker --seconds 150 --kill-leader 30,60
"""
import argparse
import bisect
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time

SPEED, HZ = 120.0, 60.0
STEP = round(SPEED / HZ)  # px per refresh


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(path, role, key, port, fallback):
    with open(path, "w") as f:
        f.write("[display]\ncrawl_speed = %g\n\n[sync]\nrole = %s\nkey = %s\n" % (SPEED, role, key))
        f.write("fallback_seconds = %g\nlead_seconds = 2\npoll_seconds = 1\n" % fallback)
        if role == "leader":
            f.write("bind = 127.0.0.1:%d\n" % port)
        else:
            f.write("leader = http://127.0.0.1:%d\n" % port)


def start(ticker, config, log, out, clock, seconds, size, items):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    env.pop("TICKER_TEST_CLOCK", None)
    if clock:
        env["TICKER_TEST_CLOCK"] = clock
    cmd = [ticker, "-c", config, "run", "--headless", "--size", size, "--synthetic", str(items),
           "--duration", "%g" % seconds, "--frame-log", log, "--cache", os.path.join(os.path.dirname(log), "cache-" + os.path.basename(log) + ".db")]
    return subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)


def read_frames(paths):
    frames = []
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for line in f:
                p = line.split(" ", 6)
                if len(p) < 7:
                    continue
                frames.append((float(p[0]), int(p[1]), float(p[2]), int(p[3]), int(p[4]), int(p[5]), p[6].strip()))
    frames.sort()
    return frames


def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


def summary(diffs):
    a = [abs(d) for d in diffs]
    return {"count": len(a), "p50_px": pct(a, 0.5), "p99_px": pct(a, 0.99), "max_px": max(a) if a else float("nan"),
            "p50_frames": pct(a, 0.5) / STEP, "p99_frames": pct(a, 0.99) / STEP,
            "max_frames": (max(a) if a else float("nan")) / STEP}


def shown_diffs(a, b, t0, t1):
    """Each screen's last presented frame at instants 1 ms apart."""
    ta, tb = [f[0] for f in a], [f[0] for f in b]
    out, t = [], t0
    while t < t1:
        i, j = bisect.bisect_right(ta, t) - 1, bisect.bisect_right(tb, t) - 1
        if i >= 0 and j >= 0 and t - ta[i] < 0.1 and t - tb[j] < 0.1:
            out.append(a[i][1] - b[j][1])
        t += 0.001
    return out


def placement_diffs(a, b, t0, t1):
    """Each frame of a against b's positions interpolated to its time."""
    tb = [f[0] for f in b]
    out = []
    for f in a:
        if not t0 <= f[0] < t1:
            continue
        j = bisect.bisect_right(tb, f[0])
        if 0 < j < len(b) and tb[j] - tb[j - 1] < 0.1:
            x0, x1 = b[j - 1], b[j]
            pos = x0[1] + (x1[1] - x0[1]) * (f[0] - x0[0]) / (x1[0] - x0[0])
            out.append(f[1] - pos)
    return out


def faults(frames, t_first):
    """Blank frames (no headline placed, or no items) after a screen's first
    frame with items; the longest pause; the largest jump of the crawl
    (its move between two frames against speed x time)."""
    blank, pause, jump, started = 0, 0.0, 0.0, False
    for prev, cur in zip(frames, frames[1:]):
        if cur[4] > 0 and cur[3] > 0:
            started = True
        if started and (cur[3] == 0 or cur[4] == 0):
            blank += 1
        if started:
            pause = max(pause, cur[0] - prev[0])
            jump = max(jump, abs((cur[1] - prev[1]) - SPEED * (cur[0] - prev[0])))
    return {"blank_frames": blank, "longest_pause_s": round(pause, 3), "largest_jump_px": round(jump, 1)}


def same_content(a, b, t):
    """Whether a and b show the same first headline at the same x around t."""
    ta, tb = [f[0] for f in a], [f[0] for f in b]
    i, j = bisect.bisect_right(ta, t) - 1, bisect.bisect_right(tb, t) - 1
    if i < 0 or j < 0:
        return False
    return a[i][6] == b[j][6] and abs(a[i][5] - b[j][5]) <= 2 * STEP


def rejoin_time(a, b, since, t1):
    """Seconds from since until a and b show the same content and stay so."""
    t, last_bad = since, None
    while t < t1:
        if not same_content(a, b, t):
            last_bad = t
        t += 0.05
    return None if last_bad is None else round(last_bad + 0.05 - since, 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ticker")
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--kill-leader", default="", help="AT,FOR: kill the leader AT s in, restart it FOR s later")
    ap.add_argument("--size", default="960x540")
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--fallback", type=float, default=30)
    ap.add_argument("--settle", type=float, default=15, help="seconds left out at the start (joining)")
    ap.add_argument("--json", help="write the figures here too")
    ap.add_argument("--dir", help="keep the logs here")
    args = ap.parse_args()
    work = args.dir or tempfile.mkdtemp(prefix="sync-harness-")
    os.makedirs(work, exist_ok=True)
    key, port = secrets.token_hex(32), free_port()
    for name, role in (("leader", "leader"), ("f1", "follower"), ("f2", "follower")):
        write_config(os.path.join(work, name + ".ini"), role, key, port, args.fallback)
    out = open(os.path.join(work, "output.txt"), "w")
    logs = {n: os.path.join(work, n + ".log") for n in ("leader", "leader2", "f1", "f2")}
    begin = time.time()
    procs = [start(args.ticker, os.path.join(work, "leader.ini"), logs["leader"], out, "", args.seconds + 4, args.size, args.items)]
    time.sleep(1.0)
    procs.append(start(args.ticker, os.path.join(work, "f1.ini"), logs["f1"], out, "40,100", args.seconds + 2, args.size, args.items))
    procs.append(start(args.ticker, os.path.join(work, "f2.ini"), logs["f2"], out, "-25,0", args.seconds + 2, args.size, args.items))
    killed_at = back_at = None
    if args.kill_leader:
        at, dur = (float(x) for x in args.kill_leader.split(","))
        time.sleep(max(0, begin + at - time.time()))
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait()
        killed_at = time.time()
        time.sleep(dur)
        back_at = time.time()
        procs[0] = start(args.ticker, os.path.join(work, "leader.ini"), logs["leader2"], out, "",
                         max(5, begin + args.seconds + 4 - time.time()), args.size, args.items)
    deadline = begin + args.seconds + 30
    for p in procs:
        try:
            p.wait(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
    out.close()
    leader = read_frames([logs["leader"], logs["leader2"]])
    f1, f2 = read_frames([logs["f1"]]), read_frames([logs["f2"]])
    if not leader or not f1 or not f2:
        print("sync harness: a screen logged no frames; see", os.path.join(work, "output.txt"))
        return 1
    t0 = max(leader[0][0], f1[0][0], f2[0][0]) + args.settle
    t1 = min(leader[-1][0], f1[-1][0], f2[-1][0]) - 1
    windows = [(t0, t1)]
    if killed_at:
        windows = [(t0, killed_at - 0.5), (back_at + 45, t1)]  # the leader's own screen is away meanwhile
    fig = {"seconds": round(t1 - t0, 1), "step_px": STEP, "pairs": {}}
    for name, a, b in (("f1-leader", f1, leader), ("f2-leader", f2, leader), ("f1-f2", f1, f2)):
        shown, placed = [], []
        for w0, w1 in windows:
            if w1 > w0:
                shown += shown_diffs(a, b, w0, w1)
                placed += placement_diffs(a, b, w0, w1)
        fig["pairs"][name] = {"shown": summary(shown), "placement": summary(placed)}
    if killed_at:
        fig["outage"] = {"f1-f2 while the leader is gone": summary(placement_diffs(f1, f2, killed_at, back_at))}
        fig["rejoin_seconds"] = {n: rejoin_time(x, leader, back_at, t1) for n, x in (("f1", f1), ("f2", f2))}
    # Each process's own log: a restarted leader's first frames (its boot,
    # the waiting line until its first program) are no blank of a screen
    # that was showing.
    fig["faults"] = {n: faults(read_frames([logs[n]]), t0) for n in ("leader", "leader2", "f1", "f2")
                     if os.path.exists(logs[n])}
    print(json.dumps(fig, indent=1))
    for name, p in fig["pairs"].items():
        s = p["placement"]
        print("%-10s placement p50 %.2f px  p99 %.2f px (%.2f frames)  max %.2f px; shown p99 %.2f frames" %
              (name, s["p50_px"], s["p99_px"], s["p99_frames"], s["max_px"], p["shown"]["p99_frames"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(fig, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
