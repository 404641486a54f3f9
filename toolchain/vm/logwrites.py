"""logwrites: reads a dm-log-writes log and replays it onto a copy of the
disk under it, stopping at every flush and FUA (the points a crash may leave
the disk in), where the caller checks the file system and the cache.

Hand-written because Debian packages no replay tool: xfstests' replay-log
is not in Debian 12, and the format is small.  It is the kernel's, as
drivers/md/dm-log-writes.c defines it (Documentation/admin-guide/
device-mapper/log-writes.rst describes the target):

  byte 0: struct log_write_super { le64 magic 0x6a736677736872;
          le64 version 1; le64 nr_entries; le32 sectorsize; }
  then, from byte sectorsize on, nr_entries times:
          one sector: struct log_write_entry { le64 sector; le64 nr_sectors;
              le64 flags; le64 data_len; } (a mark's text follows it in
              the same sector)
          then nr_sectors * sectorsize bytes of the write's data (none for a
          discard or a mark)
  flags: 1 FLUSH, 2 FUA, 4 DISCARD, 8 MARK, 16 METADATA.  sector and
  nr_sectors count sectors of sectorsize (the data device's logical block).

The target logs a write only once a flush (or its own FUA) made it durable,
so the log is in the order writes reached stable storage, and nr_entries in
the super is written at every FUA and mark (a cut may leave later entries
uncounted: they are left out, as replay-log leaves them).  A discard is
replayed as zeros.

Used by toolchain/vm/checks.py (check_replay).  Never: boots a machine, or
decides what the cache must hold."""
import os
import shutil
import struct

MAGIC = 0x6a736677736872
FLUSH, FUA, DISCARD, MARK, METADATA = 1, 2, 4, 8, 16
SUPER = struct.Struct("<QQQI")
ENTRY = struct.Struct("<QQQQ")


class Entry:
    __slots__ = ("index", "sector", "nr_sectors", "flags", "data_offset", "mark")

    def __init__(self, index, sector, nr_sectors, flags, data_offset, mark):
        self.index, self.sector, self.nr_sectors, self.flags = index, sector, nr_sectors, flags
        self.data_offset, self.mark = data_offset, mark

    @property
    def is_flush_point(self):
        return bool(self.flags & (FLUSH | FUA))


class Log:
    """The entries of the log file at path (a raw image of the log disk)."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            magic, version, nr_entries, sectorsize = SUPER.unpack(f.read(SUPER.size))
            if magic != MAGIC:
                raise ValueError(f"{path}: not a dm-log-writes log (magic {magic:#x})")
            if version != 1:
                raise ValueError(f"{path}: dm-log-writes log version {version}, not 1")
            self.sectorsize = sectorsize
            self.entries = []
            size = os.fstat(f.fileno()).st_size
            pos = sectorsize
            for i in range(nr_entries):
                f.seek(pos)
                header = f.read(sectorsize)
                if len(header) < ENTRY.size:
                    raise ValueError(f"{path}: entry {i} of {nr_entries} lies past the end of the log")
                sector, nr_sectors, flags, data_len = ENTRY.unpack_from(header)
                mark = None
                if flags & MARK:
                    mark = header[ENTRY.size:ENTRY.size + data_len].decode("utf-8", "replace")
                elif data_len:
                    # Inline data (DAX writes): not what a virtio disk logs.
                    raise ValueError(f"{path}: entry {i} carries inline data, which this replay does not read")
                pos += sectorsize
                data_offset = pos
                if not flags & (DISCARD | MARK):
                    pos += nr_sectors * sectorsize
                if pos > size:
                    raise ValueError(f"{path}: entry {i}'s data lies past the end of the log")
                self.entries.append(Entry(i, sector, nr_sectors, flags, data_offset, mark))

    def flush_points(self):
        return [e.index for e in self.entries if e.is_flush_point]


class Replay:
    """Applies the log's entries in order onto target (a copy of the data
    disk as it was when the log began)."""

    def __init__(self, log, base, target):
        self.log = log
        shutil.copyfile(base, target)
        self.target = target
        self.next = 0  # index of the next entry to apply
        self._log = open(log.path, "rb")
        self._disk = open(target, "r+b")

    def close(self):
        self._log.close()
        self._disk.close()

    def apply_through(self, index):
        """Applies entries up to and including index."""
        ss = self.log.sectorsize
        while self.next <= index:
            e = self.log.entries[self.next]
            self.next += 1
            if e.flags & MARK or e.nr_sectors == 0:
                continue
            self._disk.seek(e.sector * ss)
            if e.flags & DISCARD:
                left = e.nr_sectors * ss
                while left:
                    n = min(left, 1 << 20)
                    self._disk.write(bytes(n))
                    left -= n
                continue
            self._log.seek(e.data_offset)
            left = e.nr_sectors * ss
            while left:
                chunk = self._log.read(min(left, 1 << 20))
                if not chunk:
                    raise ValueError(f"{self.log.path}: entry {e.index}'s data is cut short")
                self._disk.write(chunk)
                left -= len(chunk)
        self._disk.flush()
