"""replaycheck: the power cut at every point the disk could be left in, the
way file-system developers test crash consistency (issue 11).  The guest
runs with the cache's file system on a dm-log-writes target (the cache disk
under it, every write logged in completion order to a log disk) through a
few fetch cycles; a mark goes into the log after each commit the kiosk
logs.  Then, on the host, the log is replayed onto a copy of the cache disk
as it was when logging began, stopping at every flush and FUA, and at each
point: `e2fsck -p` (the journal replay a boot does) then `e2fsck -fn` must
find nothing; the cache is taken out with debugfs (no mount needed) and
must pass `PRAGMA integrity_check`, hold every item of every commit marked
before that point, and every item an earlier point held.

Used by toolchain/vm/run.py (check "replay") and bench/powercut_vm.py
--replay.  Never: parses the log format (logwrites.py does)."""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time

import checks
import logwrites

MARK = re.compile(r"^committed:vm-(\w+)-(\d+)$")


def run_logged(m, cycles):
    """Boots m with the cache disk's writes logged, lets the kiosk commit
    cycles fetches, marks and removes the target, and powers off.  Returns
    the path of the copy of the cache disk the log starts from."""
    m.cut()
    base = m.disk("replay-base.img")
    subprocess.run(["cp", "--sparse=always", m.disk("cache.img"), base], check=True)
    with open(m.disk("log.img"), "wb") as f:
        f.truncate(2 << 30)  # sparse: only what is logged takes room
    m.logwrites = True
    try:
        m.boot()
        if not m.wait_for(r"ticker-vm: log-writes on", checks.boot_timeout(m)):
            raise checks.CheckFailed("the dm-log-writes target was not set up at boot")
        checks.wait_ready(m)
        since = 0
        for _ in range(cycles):
            found = m.wait_for(checks.COMMITTED.pattern, 120 if m.kvm else 300, since)
            if not found:
                raise checks.CheckFailed(f"fewer than {cycles} commits logged while the writes were logged")
            since = found[0] + 1
        time.sleep(5 if m.kvm else 10)  # the last commit's mark: the watcher sees the journal a moment later
        status, out = m.sh("systemctl stop ticker-vm-marks.service ticker.service && "
                           "dmsetup message tickerlogw 0 mark end-of-run && umount /var/lib/ticker && "
                           "dmsetup status tickerlogw && dmsetup remove tickerlogw && sync", timeout=120)
        if status != 0:
            raise checks.CheckFailed(f"could not end the logged run cleanly: {out[-400:]}")
    finally:
        m.cut()
        m.logwrites = False
    return base


def extract_cache(image, outdir):
    """The cache's files out of the file system image with debugfs, read
    only: {name: path} of cache.db and cache.db-wal where they exist."""
    listing = subprocess.run(["debugfs", "-R", "ls -p /", image], capture_output=True, text=True).stdout
    names = {line.split("/")[5] for line in listing.splitlines() if line.count("/") >= 6}
    found = {}
    for name in ("cache.db", "cache.db-wal"):
        if name in names:
            out = os.path.join(outdir, name)
            subprocess.run(["debugfs", "-R", f"dump {'/' + name} {out}", image], check=True,
                           capture_output=True)
            found[name] = out
    return found


def check_point(image, workdir):
    """The file system and the cache at one replayed point: (problems, ids)."""
    problems = []
    copy = os.path.join(workdir, "point.img")
    subprocess.run(["cp", "--sparse=always", image, copy], check=True)
    preen = subprocess.run(["e2fsck", "-p", copy], capture_output=True, text=True)
    if preen.returncode >= 4:
        problems.append(f"e2fsck -p: status {preen.returncode}: {(preen.stdout + preen.stderr)[-300:]}")
        return problems, None
    full = subprocess.run(["e2fsck", "-fn", copy], capture_output=True, text=True)
    if full.returncode != 0:
        problems.append(f"e2fsck -fn after the journal replay: status {full.returncode}: "
                        f"{(full.stdout + full.stderr)[-300:]}")
    dbdir = os.path.join(workdir, "db")
    shutil.rmtree(dbdir, ignore_errors=True)
    os.makedirs(dbdir)
    files = extract_cache(copy, dbdir)
    if "cache.db" not in files:
        return problems, set()
    try:
        db = sqlite3.connect(files["cache.db"])
        verdict = db.execute("PRAGMA integrity_check").fetchall()
        ids = {row[0] for row in db.execute("SELECT id FROM items")}
        db.close()
    except sqlite3.DatabaseError as e:
        problems.append(f"the cache cannot be read: {e}")
        return problems, None
    if verdict != [("ok",)]:
        problems.append(f"integrity_check: {verdict[:3]}")
    return problems, ids


def check_replay(m, cycles=4, max_points=400):
    """Runs the logged round and replays it: every flush and FUA point when
    there are at most max_points of them, else that many spread evenly (the
    last always among them)."""
    started = time.monotonic()
    base = run_logged(m, cycles)
    log = logwrites.Log(m.disk("log.img"))
    points = log.flush_points()
    if not points:
        raise checks.CheckFailed("the write log holds no flush or FUA")
    total = len(points)
    if total > max_points:
        step = total / max_points
        points = sorted({points[int(i * step)] for i in range(max_points)} | {points[-1]})
    # The end: everything logged, the clean unmount included.
    if points[-1] != len(log.entries) - 1:
        points.append(len(log.entries) - 1)
    marks = [(e.index, MARK.match(e.mark or "")) for e in log.entries if e.mark]
    bad = []
    work = tempfile.mkdtemp(prefix="replay-", dir=m.work)
    replay = logwrites.Replay(log, base, os.path.join(work, "replayed.img"))
    previous = set()
    try:
        for point in points:
            replay.apply_through(point)
            problems, ids = check_point(replay.target, work)
            if ids is not None:
                required = {f"vm-{g.group(1)}-{g.group(2)}-{i}" for index, g in marks if g and index < point
                            for i in range(1, checks.ITEMS_PER_RESPONSE + 1)}
                missing = required - ids
                if missing:
                    problems.append(f"{len(missing)} items of commits marked before this point missing, "
                                    f"e.g. {sorted(missing)[:2]}")
                gone = previous - ids
                if gone:
                    problems.append(f"{len(gone)} items an earlier point held are gone, e.g. {sorted(gone)[:2]}")
                previous = ids
            if problems:
                bad.append((point, "; ".join(problems)))
    finally:
        replay.close()
        shutil.rmtree(work, ignore_errors=True)
    committed = sum(1 for _, g in marks if g)
    figures = {"replay_entries": len(log.entries), "replay_flush_points": total, "replay_points_checked": len(points),
               "replay_bad_points": len(bad), "replay_commits_marked": committed,
               "replay_items_at_end": len(previous), "replay_seconds": round(time.monotonic() - started)}
    if committed < cycles:
        raise checks.CheckFailed(f"only {committed} commits marked in the log (wanted {cycles}); {figures}")
    if bad:
        raise checks.CheckFailed(f"{len(bad)} of {len(points)} replayed points are bad: {bad[:3]}; {figures}")
    return figures
