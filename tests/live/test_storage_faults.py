#!/usr/bin/env python3
"""End to end: the cache's storage faults, on real file systems.

In a private mount namespace (unshare -m; root, as CI runs), on small tmpfs
mounts: a read-only file system, a full disk, a read-only cache file (the
program run as nobody), a cache file deleted and one replaced while the
program runs. In every case the cached items stay on screen, fetched items
reach the screen, the log names the fault ("read-only file system", "disk
full") with the path, a failed write makes no source be fetched again
sooner, and the file catches up once the disk allows it.
Exits 77 (skipped) when mounts cannot be made here.
Argument 1: the ticker binary."""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TICKER = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "common"))  # scriptcheck, feedserver
from scriptcheck import check, finish, start_feedserver, stop_feedserver  # noqa: E402

SKIP = 77


def in_private_namespace():
    if os.environ.get("TICKER_STORAGE_NS") == "1":
        return
    if os.geteuid() != 0 or not shutil.which("unshare"):
        print("skip: needs root and unshare for private tmpfs mounts")
        sys.exit(SKIP)
    # A container or chroot may forbid the namespace or the mount even to
    # root: then the test cannot run here, and says why.
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                            'd=$(mktemp -d) && mount -t tmpfs -o size=1m probe "$d" && umount "$d"; r=$?; '
                            'rmdir "$d"; exit $r'], capture_output=True, text=True)
    if probe.returncode != 0:
        print("skip: cannot mount a tmpfs in a private mount namespace here (unshare -m; mount -t tmpfs): "
              + (probe.stderr.strip() or "exit %d" % probe.returncode))
        sys.exit(SKIP)
    env = dict(os.environ, TICKER_STORAGE_NS="1")
    result = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable, *sys.argv], env=env)
    sys.exit(result.returncode)


def sh(*args):
    subprocess.run(args, check=True)


def run(*args, timeout=120, user=None):
    command = [TICKER, *args]
    if user:
        command = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def posted(result):
    """(lists posted, items in the last one, file up to date) from `ticker fetch`."""
    for line in result.stdout.splitlines():
        if line.startswith("posted "):
            words = line.split()
            return int(words[1]), int(words[7]), "up to date" in line
    return 0, 0, False


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cached_ids(db):
    result = run("cache", "--cache", db)
    return result.returncode, [line for line in result.stdout.splitlines() if line.startswith("{")]


def stat_count(base, path):
    import json
    import urllib.request
    with urllib.request.urlopen(base + "/stats") as answer:
        return json.load(answer)["by_path"].get(path, 0)


def tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    sh("mount", "-t", "tmpfs", "-o", "size=%s,mode=0777" % size, "tmpfs", path)


def fill(directory):
    """Fills the file system of directory; returns the filler's path."""
    filler = os.path.join(directory, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    os.close(fd)
    return filler


def read_only_file_system(base, root):
    mnt = os.path.join(root, "ro")
    tmpfs(mnt, "4m")
    db = os.path.join(mnt, "cache.db")
    old = base + "/feed?fmt=rss&name=rofs-old&items=3"
    check(posted(run("fetch", "--cycles", "1", "--cache", db, old))[1] == 3, "read-only fs: primed with 3 items")
    sh("mount", "-o", "remount,ro", mnt)
    before = digest(db)
    result = run("fetch", "--cycles", "1", "--cache", db, old, base + "/feed?fmt=rss&name=rofs-new&items=2")
    count, last, saved = posted(result)
    print(result.stderr.strip()[:600])
    check("read-only file system" in result.stderr and db in result.stderr,
          "read-only fs: the log says 'read-only file system' with the path")
    check(last == 5, "read-only fs: the 3 cached and 2 fetched items reach the screen (got %d)" % last)
    check(not saved, "read-only fs: says the file is behind")
    check(digest(db) == before, "read-only fs: the file is unchanged")
    code, items = cached_ids(db)
    check(code == 0 and len(items) == 3, "read-only fs: ticker cache reads it (%d items)" % len(items))
    sh("umount", mnt)


def disk_full(base, root):
    mnt = os.path.join(root, "full")
    tmpfs(mnt, "1m")
    db = os.path.join(mnt, "cache.db")
    old = base + "/feed?fmt=rss&name=full-old&items=3"
    check(posted(run("fetch", "--cycles", "1", "--cache", db, old))[1] == 3, "disk full: primed with 3 items")
    filler = fill(mnt)
    fresh_path = "/slow/full-fresh"
    fresh = base + fresh_path + "?ms=1&fmt=rss&name=full-fresh&items=2"
    asked = stat_count(base, fresh_path)
    result = run("fetch", "--duration", "5", "--refresh", "60", "--cache", db, old, fresh)
    asked = stat_count(base, fresh_path) - asked
    print(result.stderr.strip()[:600])
    check("disk full" in result.stderr and db in result.stderr, "disk full: the log says 'disk full' with the path")
    check(posted(result)[1] == 5, "disk full: fetched items reach the screen (%d)" % posted(result)[1])
    check(asked == 1, "disk full: the failed write fetches nothing again sooner (asked %d times in 5 s)" % asked)
    # Space comes back while the program runs: the file catches up.
    process = subprocess.Popen([TICKER, "fetch", "--duration", "16", "--refresh", "2", "--cache", db, old, fresh],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    os.unlink(filler)
    out, err = process.communicate(timeout=60)
    check("written again" in err, "disk full: once space is back the file is written again")
    code, items = cached_ids(db)
    check(code == 0 and len(items) == 5, "disk full: the file then holds all 5 items (%d)" % len(items))
    sh("umount", mnt)


def disk_fills_while_running(base, root):
    import urllib.request
    mnt = os.path.join(root, "filling")
    tmpfs(mnt, "1m")
    db = os.path.join(mnt, "cache.db")
    feed = base + "/s/filling?fmt=rss&items=3"
    urllib.request.urlopen(base + "/mode?name=filling&to=ok").read()
    process = subprocess.Popen([TICKER, "fetch", "--duration", "8", "--refresh", "1", "--cache", db, feed],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    filler = fill(mnt)
    urllib.request.urlopen(base + "/mode?name=filling&to=changed").read()  # 3 new items
    out, err = process.communicate(timeout=60)
    print("\n".join(line for line in err.splitlines() if "cache" in line)[:600])
    result = subprocess.CompletedProcess([], 0, out, err)
    check("cannot be written (disk full)" in err and db in err, "disk fills while running: the log says 'disk full'")
    check(posted(result)[1] == 6, "disk fills while running: the new items still reach the screen (%d)"
          % posted(result)[1])
    os.unlink(filler)
    urllib.request.urlopen(base + "/mode?name=filling&to=ok").read()
    sh("umount", mnt)


def read_only_file(base, root):
    nobody = 65534
    directory = os.path.join(root, "rofile")
    os.makedirs(directory)
    os.chown(directory, nobody, nobody)
    db = os.path.join(directory, "cache.db")
    if run("--version", user=nobody).returncode != 0:
        print("skip: read-only file: nobody cannot run %s here (a private build directory)" % TICKER)
        return
    old = base + "/feed?fmt=rss&name=rofile-old&items=3"
    check(posted(run("fetch", "--cycles", "1", "--cache", db, old, user=nobody))[1] == 3,
          "read-only file: primed with 3 items (as nobody)")
    for leftover in ("-wal", "-shm"):
        if os.path.exists(db + leftover):
            os.chown(db + leftover, nobody, nobody)
    os.chown(db, 0, 0)
    os.chmod(db, 0o444)
    before = digest(db)
    result = run("fetch", "--cycles", "2", "--cache", db, old, base + "/feed?fmt=rss&name=rofile-new&items=2",
                 user=nobody)
    print(result.stderr.strip()[:400])
    check("read-only file" in result.stderr and db in result.stderr, "read-only file: the log says so with the path")
    check(posted(result)[1] == 5, "read-only file: the 3 cached and 2 fetched items reach the screen (%d)"
          % posted(result)[1])
    check(digest(db) == before and os.stat(db).st_uid == 0, "read-only file: left as it is")


def deleted_and_replaced(base, root):
    directory = os.path.join(root, "deleted")
    os.makedirs(directory)
    db = os.path.join(directory, "cache.db")
    feed = base + "/feed?fmt=rss&name=deleted&items=3"
    process = subprocess.Popen([TICKER, "fetch", "--duration", "9", "--refresh", "1", "--cache", db, feed],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    time.sleep(3)
    code, items = cached_ids(db)
    check(code == 0 and len(items) == 3, "deleted while running: rebuilt with its 3 items (%d)" % len(items))
    other = os.path.join(directory, "other.db")
    run("fetch", "--cycles", "1", "--cache", other, base + "/feed?fmt=rss&name=intruder&items=1")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(other + suffix):
            os.unlink(other + suffix)
    os.replace(other, db)
    out, err = process.communicate(timeout=60)
    check("was deleted while running" in err, "deleted while running: noticed, with a warning")
    check("was replaced while running" in err, "replaced while running: noticed, with a warning")
    code, items = cached_ids(db)
    check(code == 0 and len(items) == 3 and all("intruder" not in line for line in items),
          "replaced while running: rebuilt from memory (%d items)" % len(items))


def main():
    in_private_namespace()
    server, base = start_feedserver()
    root = tempfile.mkdtemp(prefix="ticker-storage-")
    os.chmod(root, 0o755)
    ini = os.path.join(root, "ticker.ini")
    with open(ini, "w") as f:
        f.write("[fetch]\nconnect_timeout = 5\ntimeout = 20\n")
    os.chmod(ini, 0o644)
    os.environ["TICKER_CONFIG"] = ini
    try:
        read_only_file_system(base, root)
        disk_full(base, root)
        disk_fills_while_running(base, root)
        read_only_file(base, root)
        deleted_and_replaced(base, root)
    finally:
        stop_feedserver(server)
        shutil.rmtree(root, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
