"""tickervm: boots the kiosk's image (toolchain/vm/build-image.sh) in QEMU and
talks to it: the journal live on the first serial port, a shell on the
second, QMP (JSON over a Unix socket) for screendumps, and SIGKILL of QEMU
for a power cut.  The guest has no network device; its feeds come from a
second disk and a server on its own loopback.

Used by toolchain/vm/checks.py (toolchain/vm/vm-test.sh) and
bench/powercut_vm.py.  Never: builds the image, or decides what a check
expects."""
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))


def die_with_parent():
    """In the child before exec: QEMU dies with the harness, never lingers."""
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def kvm_usable():
    """True when KVM_CREATE_VM succeeds: /dev/kvm existing is not enough."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        vm = fcntl.ioctl(fd, 0xAE01, 0)  # KVM_CREATE_VM = _IO(KVMIO 0xAE, 0x01)
        os.close(vm)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def kvm_module():
    """The host's KVM module: kvm_intel or kvm_amd (hardware VMX/SVM), or
    kvm_pvm, a software nested hypervisor (PVM) that runs an unmodified guest
    kernel so slowly that TCG is faster (measured on the development machine,
    a Firecracker VM with no vmx/svm in /proc/cpuinfo: a Debian 6.1 kernel
    entered through PVH printed its first line after 31 s, and was still
    reading ACPI tables at 38 s; under TCG it was through its whole boot in
    1.6 s).  None when no KVM module is loaded."""
    for name in ("kvm_intel", "kvm_amd", "kvm_pvm"):
        if os.path.isdir(f"/sys/module/{name}"):
            return name
    return None


def kvm_runs_guest(kernel, seconds=20):
    """True when a KVM guest gets as far as the kernel's first line within
    seconds (kernel: an x86-64 bzImage, the image's or the host's).  Nested
    under some hypervisors KVM_CREATE_VM succeeds yet a guest crawls (seen
    on the 2-core development machine: minutes in the kernel's decompressor)."""
    if not kvm_usable():
        return False
    proc = subprocess.Popen(
        ["qemu-system-x86_64", "-machine", "q35", "-accel", "kvm", "-cpu", "host,-arch-capabilities",
         "-nodefaults", "-no-user-config", "-display", "none", "-m", "256", "-serial", "stdio",
         "-kernel", kernel, "-append", "console=ttyS0 panic=-1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    found = threading.Event()

    def read():
        for line in proc.stdout:
            if b"Linux version" in line:
                found.set()
                return

    threading.Thread(target=read, daemon=True).start()
    found.wait(seconds)
    proc.kill()
    proc.wait()
    return found.is_set()


def choose_accel(image_dir, arch):
    """'kvm' or 'tcg': TICKER_VM_ACCEL, else KVM when a guest runs with it."""
    wanted = os.environ.get("TICKER_VM_ACCEL", "auto")
    if wanted in ("kvm", "tcg"):
        return wanted
    if arch == "amd64" and os.uname().machine == "x86_64" and kvm_runs_guest(os.path.join(image_dir, "vmlinuz")):
        return "kvm"
    return "tcg"


def build_image(deb, arch="amd64"):
    out = subprocess.run([os.path.join(HERE, "build-image.sh"), deb, arch], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return out.strip().splitlines()[-1]


class Machine:
    """One guest on a private copy of the image's disks, booted again and
    again on the same disks (so the cache survives its power cuts)."""

    def __init__(self, image_dir, arch="amd64", accel="tcg", workdir=None, memory_mb=1024, cpus=1, size=(1280, 720)):
        self.image_dir = image_dir
        self.arch = arch
        self.work = workdir or tempfile.mkdtemp(prefix="ticker-vm-")
        self.memory_mb = memory_mb
        self.cpus = cpus
        self.size = size
        self.kvm = accel == "kvm"
        self.logwrites = False  # boot with the cache disk's writes logged to log.img (dm-log-writes)
        self.proc = None
        self.lines = []  # (host monotonic time, text) of the console, this boot
        self.cond = threading.Condition()
        self.boot_started = 0.0
        self.log = open(os.path.join(self.work, "console.log"), "a", encoding="utf-8", errors="replace")
        for name in ("root.img", "cache.img", "usb.img", "vmlinuz", "initrd.img"):
            # Sparse copies: the image in the cache stays as built, and may go.
            subprocess.run(["cp", "--sparse=always", os.path.join(image_dir, name), self.disk(name)], check=True)

    def disk(self, name):
        return os.path.join(self.work, name)

    def qemu_command(self):
        w, h = self.size
        common = [
            "-nodefaults", "-no-user-config", "-smp", str(self.cpus), "-m", str(self.memory_mb),
            "-kernel", self.disk("vmlinuz"), "-initrd", self.disk("initrd.img"),
            "-drive", f"file={self.disk('root.img')},format=raw,if=virtio,cache=writeback",
            "-drive", f"file={self.disk('usb.img')},format=raw,if=virtio,readonly=on",
            "-drive", f"file={self.disk('cache.img')},format=raw,if=virtio,cache=writeback",
        ] + ([
            "-drive", f"file={self.disk('log.img')},format=raw,if=virtio,cache=writeback",
        ] if self.logwrites else []) + [
            "-display", "none", "-nic", "none",
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", f"socket,id=sh,path={self.work}/shell.sock,server=on,wait=off",
        ] + ([
            "-serial", "chardev:sh",
        ] if self.arch == "amd64" else [
            # The arm64 "virt" board has one PL011: the shell is a virtio
            # console there (hvc0; guest/setup.sh).
            "-device", "virtio-serial-pci", "-device", "virtconsole,chardev=sh",
        ]) + [
            "-qmp", f"unix:{self.work}/qmp.sock,server=on,wait=off",
        ]
        append = "root=/dev/vda rw loglevel=5 systemd.show_status=0 " + ("ticker_vm.logwrites " if self.logwrites else "")
        if self.arch == "amd64":
            # TCG: no AVX2.  With it, QEMU 7.2's emulation of llvmpipe's JIT
            # code killed the kiosk with SIGSEGV at a vpgatherdd (a core dump
            # read with gdb) at every start of the dm-log-writes boots; with
            # max,-avx2 the same boot on the same cache draws, and the host's
            # own AVX2 runs the same Mesa on that cache without a fault.
            return (["qemu-system-x86_64", "-machine", "q35", "-accel", "kvm" if self.kvm else "tcg",
                     "-cpu", "host,-arch-capabilities" if self.kvm else "max,-avx2",
                     "-device", f"virtio-gpu-pci,xres={w},yres={h}",
                     "-append", append + "console=ttyS0"] + common)
        # arm64 is TCG only (the host is x86-64).  The CPU is the Pi 4's own,
        # the Cortex-A72 (ARMv8.0): no SVE and no pointer authentication to
        # emulate, so no JIT code from llvmpipe that the Pi would not run.
        return (["qemu-system-aarch64", "-machine", "virt", "-accel", "tcg", "-cpu", "cortex-a72",
                 "-device", f"virtio-gpu-pci,xres={w},yres={h}",
                 "-append", append + "console=ttyAMA0"] + common)

    # --- life cycle -----------------------------------------------------------
    def boot(self):
        for sock in ("shell.sock", "qmp.sock"):
            if os.path.exists(self.disk(sock)):
                os.unlink(self.disk(sock))
        with self.cond:
            self.lines = []
        self.boot_started = time.monotonic()
        self.log.write(f"\n===== boot at {time.strftime('%H:%M:%S')} =====\n")
        self.proc = subprocess.Popen(self.qemu_command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=open(self.disk("qemu.err"), "a"), preexec_fn=die_with_parent)
        threading.Thread(target=self._read_console, args=(self.proc,), daemon=True).start()
        self._shell = None

    def _read_console(self, proc):
        buf = b""
        while True:
            chunk = proc.stdout.read1(4096)
            if not chunk:
                break
            buf += chunk
            *complete, buf = buf.split(b"\n")
            now = time.monotonic()
            with self.cond:
                if proc is not self.proc:
                    return
                for raw in complete:
                    text = raw.decode("utf-8", "replace").rstrip("\r")
                    self.lines.append((now, text))
                    self.log.write(text + "\n")
                self.log.flush()
                self.cond.notify_all()

    def cut(self):
        """A power cut: the machine stops at once, whatever it was doing."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def shutdown(self):
        self.cut()
        self.log.close()

    def cleanup(self):
        self.shutdown()
        shutil.rmtree(self.work, ignore_errors=True)

    # --- the console ------------------------------------------------------------
    def wait_for(self, pattern, timeout, start=0):
        """The first console line from index start matching pattern, as
        (index, host time, match); None on timeout."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            i = start
            while True:
                while i < len(self.lines):
                    m = regex.search(self.lines[i][1])
                    if m:
                        return i, self.lines[i][0], m
                    i += 1
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc and self.proc.poll() is not None):
                    return None
                self.cond.wait(min(left, 0.5))

    def matches(self, pattern):
        regex = re.compile(pattern)
        with self.cond:
            return [(t, m) for t, text in self.lines for m in [regex.search(text)] if m]

    # --- the shell on the second serial port --------------------------------------
    def _connect_shell(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(self.disk("shell.sock"))
                return s
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def sh(self, command, timeout=60):
        """Runs command in the guest's root shell; returns (status, output)."""
        if self._shell is None:
            self._shell = self._connect_shell(timeout)
            self._shell_buf = b""
            deadline = time.monotonic() + timeout
            while True:  # the shell unit may not be up yet: ask until it answers
                # raw -echo again from inside the shell: on arm64 its port is
                # hvc0, whose driver resets the termios at the last close
                # (TTY_DRIVER_RESET_TERMIOS), so the unit's own stty is undone
                # when that stty exits, and the shell would echo and write \r\n.
                self._shell.sendall(b"\nstty raw -echo; echo @@READY\n")
                if self._read_until(b"@@READY\n", 2):
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("the guest shell did not answer")
        token = "@@%d" % time.monotonic_ns()
        self._shell.sendall(("{ %s\n} </dev/null 2>&1; echo \"%s $?\"\n" % (command, token)).encode())
        out = self._read_until(token.encode() + b" ", timeout, want_line=True)
        if out is None:
            raise TimeoutError(f"guest command timed out: {command}")
        body, status = out
        return status, body.decode("utf-8", "replace")

    def _read_until(self, marker, timeout, want_line=False):
        deadline = time.monotonic() + timeout
        while True:
            i = self._shell_buf.find(marker)
            if i >= 0:
                end = self._shell_buf.find(b"\n", i + len(marker))
                if not want_line:
                    self._shell_buf = self._shell_buf[i + len(marker):]
                    return True
                if end >= 0:
                    body = self._shell_buf[:i]
                    status = int(self._shell_buf[i + len(marker):end])
                    self._shell_buf = self._shell_buf[end + 1:]
                    return body, status
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self._shell.settimeout(left)
            try:
                chunk = self._shell.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                return None
            self._shell_buf += chunk

    # --- QMP -------------------------------------------------------------------
    def qmp(self, command, **arguments):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(30)
        s.connect(self.disk("qmp.sock"))
        f = s.makefile("rwb")
        json.loads(f.readline())  # the greeting
        for cmd in ({"execute": "qmp_capabilities"}, {"execute": command, "arguments": arguments}):
            f.write(json.dumps(cmd).encode() + b"\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "return" in reply or "error" in reply:
                    break
        s.close()
        if "error" in reply:
            raise RuntimeError(f"QMP {command}: {reply['error']}")
        return reply["return"]

    def screendump(self, path):
        """The guest's screen as an Image (PPM: QEMU 7.2's PNG swaps red and blue)."""
        self.qmp("screendump", filename=path)
        return Image.read_ppm(path)


class Image:
    """RGB pixels, row by row (bytes, 3 per pixel)."""

    def __init__(self, width, height, rgb):
        self.width, self.height, self.rgb = width, height, rgb

    @staticmethod
    def read_ppm(path):
        data = open(path, "rb").read()
        fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        w, h = int(fields.group(1)), int(fields.group(2))
        return Image(w, h, data[fields.end():fields.end() + w * h * 3])

    @staticmethod
    def read_png(path):
        """8-bit RGB or RGBA PNG (what `ticker screenshot` writes): no
        imaging library is installed, and zlib plus the five filters of
        the PNG spec (RFC 2083 section 6) are all it takes."""
        data = open(path, "rb").read()
        pos, idat, w = 8, b"", 0
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b"IHDR":
                w, h, depth, colour = struct.unpack(">IIBB", body[:10])
                if depth != 8 or colour not in (2, 6):
                    raise ValueError(f"{path}: PNG depth {depth} colour type {colour} not read here")
                bpp = 3 if colour == 2 else 4
            elif kind == b"IDAT":
                idat += body
            pos += 12 + length
        raw = zlib.decompress(idat)
        stride = w * bpp
        prev = bytearray(stride)
        out = bytearray()
        for y in range(h):
            ftype = raw[y * (stride + 1)]
            line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            if ftype == 1:
                for i in range(bpp, stride):
                    line[i] = (line[i] + line[i - bpp]) & 255
            elif ftype == 2:
                for i in range(stride):
                    line[i] = (line[i] + prev[i]) & 255
            elif ftype == 3:
                for i in range(stride):
                    left = line[i - bpp] if i >= bpp else 0
                    line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
            elif ftype == 4:
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0
                    b = prev[i]
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    line[i] = (line[i] + pred) & 255
            prev = line
            if bpp == 3:
                out += line
            else:
                del line[3::4]
                out += line
        return Image(w, h, bytes(out))

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])

    def row_mode(self, y, step=4):
        """The most common colour of row y (sampled every step pixels)."""
        counts = {}
        base = y * self.width * 3
        for x in range(0, self.width, step):
            c = self.rgb[base + x * 3:base + x * 3 + 3]
            counts[c] = counts.get(c, 0) + 1
        return tuple(max(counts, key=counts.get))

    def region_differs(self, other, y0, y1):
        """Fraction of pixels in rows y0..y1 that differ."""
        a = self.rgb[y0 * self.width * 3:y1 * self.width * 3]
        b = other.rgb[y0 * self.width * 3:y1 * self.width * 3]
        diff = sum(1 for i in range(0, len(a), 3) if a[i:i + 3] != b[i:i + 3])
        return diff / max(1, len(a) // 3)

    def write_png(self, path):
        """An 8-bit RGB PNG (RFC 2083), filter 0: for docs/ and for looking."""
        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        stride = self.width * 3
        raw = b"".join(b"\0" + self.rgb[y * stride:(y + 1) * stride] for y in range(self.height))
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
