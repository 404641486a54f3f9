#!/bin/sh
# Runs inside the freshly built guest root (chroot): the test machine around
# the installed package.  Everything here is a test fixture, not the product:
# the disks' mounts, a console that carries the journal to the host, the feed
# server on the loopback, the checks that run before the kiosk after a power
# cut, a shell on the second serial port for the host's harness, and the
# dm-log-writes mode (ticker_vm.logwrites on the kernel command line).
set -e
g=/tmp/guest
# The serial ports differ by machine: the PC's 16550s (ttyS0 the console,
# ttyS1 the shell); QEMU's arm64 "virt" board has a single PL011 (ttyAMA0),
# so there the shell is a virtio console (hvc0).
case $(dpkg --print-architecture) in
    arm64) console=ttyAMA0 shell=hvc0 ;;
    *) console=ttyS0 shell=ttyS1 ;;
esac
echo ticker-vm >/etc/hostname
cat >/etc/fstab <<'FSTAB'
LABEL=tickerroot / ext4 defaults,errors=remount-ro 0 1
LABEL=tickerusb /media/usb ext4 ro,nofail 0 0
LABEL=tickercache /var/lib/ticker ext4 defaults,x-systemd.requires=ticker-vm-fsck.service 0 0
FSTAB
mkdir -p /media/usb /var/lib/ticker /srv/feeds/cgi-bin /etc/systemd/journald.conf.d
install -m 0755 $g/feed.cgi /srv/feeds/cgi-bin/feed
install -m 0755 $g/ticker-vm-fsck $g/ticker-vm-snapshot $g/ticker-vm-logwrites $g/ticker-vm-marks /usr/local/sbin/
mkdir -p /etc/systemd/system-generators
install -m 0755 $g/ticker-vm-logwrites-generator /etc/systemd/system-generators/ticker-vm-logwrites
install -m 0644 $g/*.service /etc/systemd/system/
sed -i "s/ttyS1/$shell/g" /etc/systemd/system/ticker-vm-shell.service
cat >/etc/systemd/journald.conf.d/ticker-vm.conf <<CONF
# The host reads the journal live on the first serial port.
[Journal]
ForwardToConsole=yes
TTYPath=/dev/$console
MaxLevelConsole=info
CONF
systemctl enable ticker-vm-feeds.service ticker-vm-snapshot.service ticker-vm-shell.service ticker-vm-marks.service
# The console is the host's log, not a login; and the shell's port is the
# harness's (systemd's getty generator would put a login on hvc0).
systemctl mask serial-getty@$console.service serial-getty@$shell.service
# The kiosk's configuration as an operator would edit it: the USB stick and
# two feeds on the loopback that bring new items on every fetch.
cat >>/etc/ticker/ticker.ini <<'INI'

; --- Edited on this kiosk (the VM test's sources) ---------------------------
[source usb]
location = /media/usb/news
[source loop-a]
location = http://127.0.0.1:8080/cgi-bin/feed?a
refresh = 10
[source loop-b]
location = http://127.0.0.1:8080/cgi-bin/feed?b
refresh = 10
[cache]
max_items = 100000
INI
