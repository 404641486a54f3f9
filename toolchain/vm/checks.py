"""checks: the kiosk as delivered, checked in a virtual machine (issue 11).
Each check takes a booted tickervm.Machine, asserts what the kiosk must do,
and returns its figures; a failed check raises CheckFailed with the reason.
Used by toolchain/vm/vm-test.sh (every check, then one JSON line) and
bench/powercut_vm.py (many power cuts)."""
import os
import random
import re
import subprocess
import time

import tickervm

READY = r"systemd\[1\]: Started ticker\.service"
STARTING = r"systemd\[1\]: Starting ticker\.service"
SERVED = re.compile(r"ticker-vm: served (\w+) (\d+)")
COMMITTED = re.compile(r"ticker\[\d+\]: http://127\.0\.0\.1:8080/cgi-bin/feed\?(\w+): (\d+) items")
ITEMS_PER_RESPONSE = 4  # guest/feed.cgi


class CheckFailed(Exception):
    pass


def boot_timeout(m):
    return 120 if m.kvm else 600


def wait_ready(m, since=0, what="the kiosk's first frame (READY=1)"):
    """Host time of the next READY after console line index since."""
    found = m.wait_for(READY, boot_timeout(m), since)
    if not found:
        raise CheckFailed(f"no {what} within {boot_timeout(m)} s; console: {m.log.name}")
    return found


# --- boot -------------------------------------------------------------------------
def check_boot(m):
    """The service starts at boot, as the ticker user, drawing through KMSDRM
    with GLES2, and the journal names the driver and the renderer."""
    m.boot()
    _, ready_at, _ = wait_ready(m)
    figures = {"boot_to_first_frame_s": round(ready_at - m.boot_started, 2), "accel": "kvm" if m.kvm else "tcg"}
    driver = m.matches(r"ticker\[\d+\]: video driver: (\S+)")
    renderer = m.matches(r"ticker\[\d+\]: renderer: (\S+)")
    figures["driver"] = driver[-1][1].group(1) if driver else None
    figures["renderer"] = renderer[-1][1].group(1) if renderer else None
    gl = m.matches(r"ticker\[\d+\]: GL: (.*)")
    if not gl:
        raise CheckFailed("the journal does not name the GL implementation (no 'GL: ...' line)")
    figures["gl"] = gl[-1][1].group(1)
    if figures["driver"] != "KMSDRM" or figures["renderer"] != "opengles2":
        raise CheckFailed(f"the journal names driver {figures['driver']} and renderer {figures['renderer']}, "
                          "not KMSDRM and opengles2")
    status, user = m.sh("ps -o user= -p $(systemctl show -p MainPID --value ticker.service)")
    if user.strip() != "ticker":
        raise CheckFailed(f"the kiosk runs as '{user.strip()}', not as the ticker user")
    status, enabled = m.sh("systemctl is-enabled ticker.service")
    if enabled.strip() != "enabled":
        raise CheckFailed(f"ticker.service is '{enabled.strip()}' after the package's install")
    return figures


# --- screen -----------------------------------------------------------------------
def reference_screenshot(ticker, size, out):
    """`ticker screenshot` of the USB stick's feeds at the screen's size."""
    usb = os.path.join(tickervm.SOURCE_DIR, "tests", "fixtures")
    subprocess.run([ticker, "screenshot", "--size", "%dx%d" % size, "-o", out,
                    os.path.join(usb, "vnexpress.rss"), os.path.join(usb, "tuoitre.rss")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return tickervm.Image.read_png(out)


def close(a, b, tolerance=12):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def layout_match(dump, reference):
    """Fraction of rows whose dominant colour (the band's background: header,
    panel, crawl) is the reference's: the layout is where it belongs."""
    rows = range(0, reference.height, 2)
    same = sum(1 for y in rows if close(dump.row_mode(y), reference.row_mode(y)))
    return same / len(rows)


def crawl_rows(reference):
    """The crawl's band: the bottom rows whose background is the crawl's."""
    bottom = reference.row_mode(reference.height - 4)
    y = reference.height - 4
    while y > 0 and close(reference.row_mode(y - 1), bottom):
        y -= 1
    return y, reference.height


SCREEN_MOVE_BOUND_S = 180  # under TCG on a loaded 2-core machine the first frame came 63 s after boot


def check_screen(m, ticker, outdir, bound_s=SCREEN_MOVE_BOUND_S):
    """Screendumps show the ticker laid out as `ticker screenshot` draws the
    same content, and the crawl moves.  A slow machine (TCG, loaded) may
    show its first frames late: dumps are taken every second until the crawl
    has moved or bound_s has passed, and the time it took is a figure, so a
    slow machine gives a number rather than a failure."""
    reference = reference_screenshot(ticker, m.size, os.path.join(outdir, "reference.png"))
    y0, y1 = crawl_rows(reference)
    started = time.monotonic()
    first = m.screendump(os.path.join(outdir, "screen-1.ppm"))
    moved = 0.0
    while True:
        time.sleep(1.0)
        second = m.screendump(os.path.join(outdir, "screen-2.ppm"))
        if (first.width, first.height) == (second.width, second.height):
            moved = first.region_differs(second, y0, y1)
            if moved >= 0.01 and layout_match(second, reference) >= 0.9:
                break
        if time.monotonic() - started > bound_s:
            break
        first = second
    waited = time.monotonic() - started
    first.write_png(os.path.join(outdir, "vm-screendump.png"))
    if (first.width, first.height) != (reference.width, reference.height):
        raise CheckFailed(f"the screen is {first.width}x{first.height}, not {reference.width}x{reference.height}")
    match = layout_match(first, reference)
    header_changed = first.region_differs(second, 0, y0 // 8)
    figures = {"layout_match": round(match, 3), "crawl_changed": round(moved, 3),
               "crawl_moving_after_s": round(waited, 1)}
    if match < 0.9:
        raise CheckFailed(f"only {match:.0%} of the screen's rows have the reference's background (header, panel, "
                          f"crawl) after {waited:.0f} s; dumps in {outdir}")
    if moved < 0.01:
        raise CheckFailed(f"the crawl (rows {y0}..{y1}) did not move within {bound_s} s of dumps 1 s apart")
    if header_changed > 0.05:
        raise CheckFailed(f"the header changed by {header_changed:.0%} between two dumps 1 s apart")
    return figures


# --- security ------------------------------------------------------------------------
def check_security(m):
    status, out = m.sh("systemd-analyze security ticker.service --no-pager")
    found = re.search(r"Overall exposure level for ticker\.service: ([0-9.]+)", out)
    if not found:
        raise CheckFailed(f"systemd-analyze security printed no exposure: {out[-400:]}")
    exposure = float(found.group(1))
    if exposure > 3.0:
        raise CheckFailed(f"the running unit's exposure is {exposure} (> 3.0)")
    return {"exposure": exposure}


# --- cached items at the start, before any network ------------------------------------
FIRST_ITEMS = re.compile(r"ticker\[\d+\]: first frame showing items: frame (\d+), (\d+) items, at monotonic ([0-9.]+) s")


def service_start_monotonic(m):
    """systemd's ExecMainStartTimestampMonotonic of ticker.service, in seconds
    of the guest's CLOCK_MONOTONIC (the clock of the kiosk's own log line)."""
    status, out = m.sh("systemctl show -p ExecMainStartTimestampMonotonic --value ticker.service")
    return int(out.strip()) / 1e6


def check_cached_start(m):
    """The promise "the cached items are on screen within a second of the
    service starting, before any network": the feed server on the loopback is
    stopped (its sources cannot connect), the kiosk restarted, and the time
    from systemd's start of its main process to the kiosk's line for the first
    presented frame that shows items is measured, both on the guest's
    monotonic clock.  That frame must be the very first, and show the cache."""
    m.sh("systemctl stop ticker-vm-feeds.service")
    try:
        since = len(m.lines)
        m.sh("systemctl restart ticker.service", timeout=boot_timeout(m))
        found = m.wait_for(FIRST_ITEMS.pattern, boot_timeout(m), since)
        if not found:
            raise CheckFailed("no 'first frame showing items' line after a restart with a warm cache")
        cached = m.wait_for(r"ticker\[\d+\]: cache \S+: (\d+) items on screen at start", 0, since)
        started = service_start_monotonic(m)
    finally:
        m.sh("systemctl start ticker-vm-feeds.service")
    frame, items, at = int(found[2].group(1)), int(found[2].group(2)), float(found[2].group(3))
    figures = {"cached_first_frame_s": round(at - started, 3), "cached_first_frame_items": items}
    if frame != 1:
        raise CheckFailed(f"the cached items came on frame {frame}, not on the first frame")
    if not cached or int(cached[2].group(1)) == 0:
        raise CheckFailed("the cache was empty at the restart: nothing measured")
    return figures


# --- watchdog ---------------------------------------------------------------------------
def check_watchdog(m, ticker, outdir):
    """A frozen kiosk (SIGSTOP) is killed by the watchdog and restarted, and
    its screen comes back."""
    status, out = m.sh("systemctl show -p WatchdogUSec --value ticker.service; "
                       "systemctl show -p RestartUSec --value ticker.service")
    since = len(m.lines)
    m.sh("kill -STOP $(systemctl show -p MainPID --value ticker.service)")
    stopped = time.monotonic()
    timeout = m.wait_for(r"ticker\.service: Watchdog timeout", 60 if m.kvm else 120, since)
    if not timeout:
        raise CheckFailed("no watchdog timeout within 60 s of SIGSTOP")
    _, ready_at, _ = wait_ready(m, timeout[0], "first frame after the watchdog's restart")
    restart = ready_at - stopped
    figures = {"watchdog_restart_s": round(restart, 2), "watchdog_timeout_s": round(timeout[1] - stopped, 2)}
    # WatchdogSec=15, RestartSec=3, then the start to the first frame.
    limit = 15 + 3 + (15 if m.kvm else 60)
    if restart > limit:
        raise CheckFailed(f"the kiosk was back {restart:.1f} s after SIGSTOP (limit {limit} s)")
    time.sleep(1)
    reference = reference_screenshot(ticker, m.size, os.path.join(outdir, "reference.png"))
    dump = m.screendump(os.path.join(outdir, "after-watchdog.ppm"))
    match = layout_match(dump, reference)
    if match < 0.9:
        raise CheckFailed(f"after the watchdog's restart only {match:.0%} of the rows match the reference")
    return figures


# --- power cuts ---------------------------------------------------------------------
class PowerCuts:
    """Cuts the machine's power at random moments, again and again, and checks
    after each reboot that the file system and the cache are intact and hold
    every item the kiosk logged as committed before the cut."""

    def __init__(self, m, seed=None):
        self.m = m
        self.rng = random.Random(seed)
        self.committed = set()  # item ids the kiosk logged as written
        self.cuts = 0
        self.bad = []  # (cut number, reason)
        self.lost = 0
        self.mid_write = 0
        self.start_to_frame = []
        self.start_to_cached = []
        self.cached_first_frame = []  # service start to the first frame, with the cache on it (guest clock)

    def _learn_commits(self):
        served = {}
        for _, text in list(self.m.lines):
            s = SERVED.search(text)
            if s:
                served[s.group(1)] = s.group(2)
                continue
            c = COMMITTED.search(text)
            if c and c.group(1) in served:
                name, stamp = c.group(1), served[c.group(1)]
                self.committed.update(f"vm-{name}-{stamp}-{i}" for i in range(1, ITEMS_PER_RESPONSE + 1))

    def cut_once(self):
        """One cut at a random moment of the running machine, the reboot, and
        the checks. Needs a booted machine; leaves it booted."""
        m = self.m
        mode = self.rng.choice(("boot", "running", "write"))
        ready = m.wait_for(READY, 0)
        if mode == "boot" or not ready:
            # Anywhere from the kernel's start to a little after the first frame.
            until = (ready[1] - m.boot_started + 5) if ready else 30
            delay = m.boot_started + self.rng.uniform(3, until) - time.monotonic()
            time.sleep(max(0, delay))
        elif mode == "running":
            time.sleep(self.rng.uniform(0, 20))
        else:
            # Just after a feed was served: the fetch's write is due any moment.
            since = len(m.lines)
            if m.wait_for(SERVED.pattern, 30, since):
                time.sleep(self.rng.uniform(0, 0.4 if m.kvm else 1.5))
                self.mid_write += 1
        self._learn_commits()
        m.cut()
        self.cuts += 1
        try:
            self._check_after(self.cuts)
        except (TimeoutError, OSError, RuntimeError) as e:
            # A guest that never answers is a bad restart, not the end of the run.
            self.bad.append((self.cuts, f"the guest did not answer the checks: {e}"))

    def _check_after(self, n):
        m = self.m
        m.boot()
        problems = []
        fsck = m.wait_for(r"ticker-vm: fsck preen=(\d+) full=(\d+)", boot_timeout(m))
        if not fsck:
            problems.append("the cache file system was not checked at boot")
        elif fsck[2].group(2) != "0":
            status, out = m.sh("cat /run/vmcheck/fsck-preen.txt /run/vmcheck/fsck.txt")
            problems.append(f"e2fsck -fn found errors after the journal replay: {out[-300:]}")
        starting = m.wait_for(STARTING, boot_timeout(m))
        ready = m.wait_for(READY, boot_timeout(m))
        cached = m.wait_for(r"ticker\[\d+\]: cache \S+: (\d+) items on screen at start", boot_timeout(m))
        if not ready:
            problems.append("the kiosk did not come back (no READY)")
        elif starting:
            self.start_to_frame.append(ready[1] - starting[1])
        if cached and starting:
            self.start_to_cached.append(cached[1] - starting[1])
        first = m.wait_for(FIRST_ITEMS.pattern, 0)
        if ready and first and cached and int(cached[2].group(1)) > 0 and first[2].group(1) != "1":
            problems.append(f"the {cached[2].group(1)} cached items came on frame {first[2].group(1)}, not the first")
        if ready and first and first[2].group(1) == "1":
            # The cached items on the first frame: from the main process's
            # start, on the guest's clock (the console's times add its delay).
            self.cached_first_frame.append(float(first[2].group(3)) - service_start_monotonic(m))
        status, out = m.sh("db=/run/vmcheck/db/cache.db; if [ -f $db ]; then "
                           "sqlite3 $db 'PRAGMA integrity_check' && sqlite3 $db \"SELECT id FROM items\"; "
                           "else echo nodb; fi")
        lines = out.split()
        if not lines or (lines[0] != "ok" and lines[0] != "nodb"):
            problems.append(f"the cache fails integrity_check: {out[:300]}")
        present = set(lines[1:]) if lines and lines[0] == "ok" else set()
        lost = self.committed - present
        if lost:
            self.lost += len(lost)
            problems.append(f"{len(lost)} committed items lost, e.g. {sorted(lost)[:3]}")
        # The screen comes back with every cached item, before any fetch.
        if cached and lines and lines[0] == "ok":
            if int(cached[2].group(1)) < len(present):
                problems.append(f"{cached[2].group(1)} items on screen at start, {len(present)} in the cache")
        if problems:
            self.bad.append((n, "; ".join(problems)))

    def figures(self):
        def worst(values):
            return round(max(values), 2) if values else None

        return {
            "power_cuts": self.cuts,
            "bad_restarts": len(self.bad),
            "lost_items": self.lost,
            "committed_items": len(self.committed),
            "cuts_after_a_served_feed": self.mid_write,
            "start_to_cached_items_max_s": worst(self.start_to_cached),
            "start_to_first_frame_max_s": worst(self.start_to_frame),
            "cached_first_frame_after_cut_max_s": worst(self.cached_first_frame),
        }


# --- upgrade and purge -------------------------------------------------------------------
def check_upgrade_purge(m, workdir):
    """An upgrade keeps the operator's edited /etc/ticker/ticker.ini and
    restarts the kiosk on the new program; purge removes everything."""
    deb = [f for f in os.listdir(m.image_dir) if f.endswith(".deb")][0]
    # The next version: the same package with a higher version number.
    unpacked = os.path.join(workdir, "next")
    subprocess.run(["rm", "-rf", unpacked], check=True)
    subprocess.run(["dpkg-deb", "-R", os.path.join(m.image_dir, deb), unpacked], check=True)
    control = os.path.join(unpacked, "DEBIAN", "control")
    text = open(control).read()
    version = re.search(r"^Version: (.*)$", text, re.M).group(1)
    open(control, "w").write(text.replace(f"Version: {version}", f"Version: {version}+vmnext"))
    nextdeb = os.path.join(workdir, "ticker-next.deb")
    subprocess.run(["dpkg-deb", "-b", "--root-owner-group", unpacked, nextdeb], check=True, stdout=subprocess.DEVNULL)
    data = open(nextdeb, "rb").read()
    # Into the guest through the shell: base64 in lines.
    import base64
    encoded = base64.b64encode(data).decode()
    m.sh("rm -f /tmp/next.b64")
    for i in range(0, len(encoded), 32768):
        m.sh(f"printf %s '{encoded[i:i + 32768]}' >>/tmp/next.b64")
    m.sh("base64 -d /tmp/next.b64 >/tmp/ticker-next.deb")
    before_pid = m.sh("systemctl show -p MainPID --value ticker.service")[1].strip()
    since = len(m.lines)
    status, out = m.sh("DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/ticker-next.deb", timeout=300)
    if status != 0:
        raise CheckFailed(f"the upgrade failed: {out[-500:]}")
    if "[source loop-a]" not in m.sh("cat /etc/ticker/ticker.ini")[1]:
        raise CheckFailed("the upgrade lost the edited /etc/ticker/ticker.ini")
    if not m.wait_for(READY, boot_timeout(m), since):
        raise CheckFailed("the kiosk did not come back after the upgrade")
    after_pid = m.sh("systemctl show -p MainPID --value ticker.service")[1].strip()
    if after_pid == before_pid:
        raise CheckFailed("the upgrade did not restart the kiosk on the new program")
    installed = m.sh("dpkg-query -W -f='${Version}' ticker")[1].strip()
    status, out = m.sh("DEBIAN_FRONTEND=noninteractive dpkg --purge ticker", timeout=300)
    if status != 0:
        raise CheckFailed(f"purge failed: {out[-500:]}")
    status, out = m.sh("ls -d /etc/ticker /usr/share/ticker /usr/bin/ticker /lib/systemd/system/ticker.service "
                       "/etc/systemd/system/multi-user.target.wants/ticker.service 2>/dev/null; "
                       "ls -A /var/lib/ticker | grep -v lost+found; systemctl is-active ticker.service")
    left = [line for line in out.split() if line not in ("inactive", "unknown")]
    if left:
        raise CheckFailed(f"purge left: {left}")
    return {"upgraded_to": installed}
