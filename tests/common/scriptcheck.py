"""Shared by the end-to-end scripts (tests/*/test_*.py) and bench/faults_bench.py:
named checks that collect failures, and the local feed server."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def finish():
    """Exits non-zero when any check failed."""
    if FAILURES:
        print("%d checks failed" % len(FAILURES))
        sys.exit(1)


def start_feedserver():
    """Starts tests/feedserver.py on 127.0.0.1; returns (process, base URL)."""
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "feedserver.py")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    return server, "http://127.0.0.1:%d" % int(server.stdout.readline())


def stop_feedserver(server):
    server.stdin.close()
    server.terminate()
    server.wait()
