#!/usr/bin/env python3
"""Side-by-side benchmark: the ticker's preview window against the same
headlines as a CSS-animated web page in Chromium (--kiosk), both under Xvfb at
1920x1080 for the same time. Counts CPU time and memory (PSS) of every process
of each side — found by session id, so Chromium's zygote, GPU and renderer
processes all count — and leaves the X server out. Prints figures; it is a
benchmark, not a test: it never fails on a slow machine.

usage: browser_compare.py TICKER_BINARY [--seconds 20] [--warmup 5] [SOURCE...]
"""
import argparse
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def session_pids(sid):
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid:  # field 6 of stat: session id
                pids.append(int(name))
        except (OSError, IndexError, ValueError):
            pass
    return pids


def cpu_seconds(pid):
    """utime+stime of the process and of its reaped children."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / CLK_TCK
    except (OSError, ValueError):
        return 0.0


def pss_mb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def measure(cmd, env, seconds, warmup):
    """Runs cmd in its own session; returns CPU seconds used during the
    measured window and the peak summed PSS, over every process of the session."""
    proc = subprocess.Popen(cmd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sid = proc.pid
    time.sleep(warmup)
    if proc.poll() is not None:
        raise RuntimeError(f"{cmd[0]} exited early: {proc.stderr.read().decode()[-2000:]}")
    # CPU of processes that die during the window is lost from this sum;
    # Chromium and the ticker keep their processes for the whole run.
    start = {p: cpu_seconds(p) for p in session_pids(sid)}
    peak_pss, samples, procs = 0.0, 0, 0
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        time.sleep(0.5)
        pids = session_pids(sid)
        procs = max(procs, len(pids))
        peak_pss = max(peak_pss, sum(pss_mb(p) for p in pids))
        samples += 1
    elapsed = time.monotonic() - t0
    end = {p: cpu_seconds(p) for p in session_pids(sid)}
    cpu = sum(end[p] - start.get(p, 0.0) for p in end)
    os.killpg(sid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(sid, signal.SIGKILL)
        proc.wait()
    return {"cpu_seconds": round(cpu, 3), "cpu_percent": round(100 * cpu / elapsed, 1),
            "pss_mb_peak": round(peak_pss, 1), "processes": procs, "seconds": round(elapsed, 1)}


def headlines(ticker, sources):
    out = subprocess.run([ticker, "dump", *sources], capture_output=True, text=True, check=False)
    items = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if not items:
        raise RuntimeError(f"ticker dump gave no items: {out.stderr}")
    return items


BADGES = {"dialogue": ("ĐỐI THOẠI", "#c62828"), "infographic": ("INFOGRAPHIC", "#1565c0"),
          "video": ("VIDEO", "#6a1b9a"), "news": ("TIN TỨC", "#2e7d32")}


def web_page(items, fonts_dir, speed):
    """The same screen as a web page: header, featured panel cycling with a
    fade, and a crawl moved by a CSS transform animation (the way signage
    players built on Chromium do it)."""
    crawl = []
    for it in items:
        label, colour = BADGES.get(it["kind"], BADGES["news"])
        crawl.append(f'<span class="badge" style="background:{colour}">{html.escape(label)}</span>'
                     f'<span class="h">{html.escape(it["title"])}</span><span class="dot">•</span>')
    crawl_html = "".join(crawl)
    featured = []
    n = len(items)
    for i, it in enumerate(items):
        label, colour = BADGES.get(it["kind"], BADGES["news"])
        cap = html.escape(it["captions"][0]) if it["captions"] else ""
        featured.append(
            f'<div class="f" style="animation-delay:{i * 8}s">'
            f'<span class="badge big" style="background:{colour}">{html.escape(label)}</span>'
            f'<h1>{html.escape(it["title"])}</h1><p>{html.escape(it["summary"])}</p>'
            f'<p class="cap">{cap}</p></div>')
    # The crawl text is duplicated so that translating by -50% wraps seamlessly;
    # its duration is set from the measured width at load, for the same px/s.
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Noto; src: url('file://{fonts_dir}/NotoSans-Regular.ttf'); }}
@font-face {{ font-family: Noto; font-weight: bold; src: url('file://{fonts_dir}/NotoSans-Bold.ttf'); }}
html, body {{ margin:0; width:1920px; height:1080px; overflow:hidden; background:#0b1a2e; color:#fff; font-family:Noto, sans-serif; }}
header {{ height:120px; display:flex; align-items:center; justify-content:space-between; padding:0 48px; background:#102a4c; font-size:40px; font-weight:bold; }}
#clock {{ font-size:34px; font-weight:normal; }}
main {{ position:relative; height:760px; }}
.f {{ position:absolute; inset:40px 64px; opacity:0; animation: cycle {n * 8}s infinite; }}
@keyframes cycle {{ 0% {{opacity:0}} {50 / n:.3f}% {{opacity:1}} {100 / n - 50 / n:.3f}% {{opacity:1}} {100 / n:.3f}% {{opacity:0}} 100% {{opacity:0}} }}
h1 {{ font-size:72px; line-height:1.25; margin:24px 0; }}
p {{ font-size:40px; line-height:1.35; color:#d8e2f0; }}
.cap {{ font-size:32px; font-style:italic; color:#aab8cc; }}
footer {{ position:absolute; bottom:0; height:200px; width:100%; background:#000; overflow:hidden; }}
.track {{ position:absolute; top:50px; white-space:nowrap; font-size:64px; will-change:transform; animation: crawl 600s linear infinite; }}
@keyframes crawl {{ from {{ transform:translateX(0) }} to {{ transform:translateX(-50%) }} }}
.badge {{ font-size:32px; font-weight:bold; padding:6px 16px; border-radius:8px; margin:0 20px; vertical-align:middle; }}
.badge.big {{ font-size:36px; }}
.dot {{ margin:0 28px; color:#f9a825; }}
</style></head><body>
<header><span>Triển lãm Quốc phòng quốc tế Việt Nam</span><span id="clock"></span></header>
<main>{"".join(featured)}</main>
<footer><div class="track" id="t">{crawl_html}{crawl_html}</div></footer>
<script>
const days = ["Chủ Nhật","Thứ Hai","Thứ Ba","Thứ Tư","Thứ Năm","Thứ Sáu","Thứ Bảy"];
function tick() {{ const d = new Date(), p = n => String(n).padStart(2, "0");
  document.getElementById("clock").textContent = `${{days[d.getDay()]}}, ${{p(d.getDate())}}/${{p(d.getMonth()+1)}}/${{d.getFullYear()}} ${{p(d.getHours())}}:${{p(d.getMinutes())}}`; }}
tick(); setInterval(tick, 1000);
document.fonts.ready.then(() => {{ const t = document.getElementById("t");
  t.style.animationDuration = (t.scrollWidth / 2 / {speed}) + "s"; }});
</script></body></html>"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ticker")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--speed", type=float, default=120)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()
    ticker = os.path.abspath(args.ticker)
    if not os.path.exists(args.chromium):
        sys.exit("browser_compare: chromium is not installed (apt-get install chromium)")

    items = headlines(ticker, args.sources)
    work = tempfile.mkdtemp(prefix="ticker-compare-")
    page = os.path.join(work, "crawl.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(web_page(items, os.path.join(ROOT, "fonts"), args.speed))

    display = ":%d" % (90 + os.getpid() % 100)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    env = dict(os.environ, DISPLAY=display)
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("WAYLAND_DISPLAY", None)
    try:
        ticker_cmd = [ticker, "--window=1920x1080", "--speed", str(args.speed), *args.sources]
        chromium_cmd = [args.chromium, "--kiosk", "--no-sandbox", "--no-first-run", "--disable-quic",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1920,1080", "--window-position=0,0",
                        f"--user-data-dir={work}/profile", "file://" + page]
        result = {"seconds": args.seconds, "items": len(items),
                  "ticker": measure(ticker_cmd, env, args.seconds, args.warmup),
                  "chromium": measure(chromium_cmd, env, args.seconds, args.warmup)}
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)
    t, c = result["ticker"], result["chromium"]
    result["cpu_ratio"] = round(t["cpu_seconds"] / c["cpu_seconds"], 3) if c["cpu_seconds"] else None
    result["pss_ratio"] = round(t["pss_mb_peak"] / c["pss_mb_peak"], 3) if c["pss_mb_peak"] else None
    print(json.dumps(result))
    print(f"ticker:   CPU {t['cpu_seconds']:.2f} s ({t['cpu_percent']}% of a core), PSS {t['pss_mb_peak']:.1f} MB, "
          f"{t['processes']} process(es)", file=sys.stderr)
    print(f"chromium: CPU {c['cpu_seconds']:.2f} s ({c['cpu_percent']}% of a core), PSS {c['pss_mb_peak']:.1f} MB, "
          f"{c['processes']} process(es)", file=sys.stderr)
    print(f"ratio: CPU {result['cpu_ratio']} (goal <= 0.25), memory {result['pss_ratio']} (goal <= 0.20)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
