/* safeopen: open a regular file inside a root folder, never through a
 * symbolic link (or "..") that leads out of it, never blocking on a FIFO or
 * a device.  The one check of the folder boundary (docs/trust.md, "a USB
 * stick / a source folder"): a source folder's files (live/fetch/reader) and the
 * local pictures its pages name use it alike.
 * Owns: the containment rule (real paths, realpath(3)) and the flags of the
 * open.  Never: reads a byte of the file, or decides what a file means.
 * Thread: any; no state. */
#ifndef TICKER_SAFEOPEN_H
#define TICKER_SAFEOPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* Opens path for reading. path is relative to root or absolute; either way
 * its real path (every symbolic link and ".." resolved) must lie inside
 * root's real path, so a link inside the folder to another file of it is
 * followed and one out of it is refused. The file must be a regular file:
 * a FIFO, socket or device is refused before it is opened (lstat of the
 * resolved path), and the open itself is O_NONBLOCK | O_NOFOLLOW, so a file
 * swapped for one of those meanwhile cannot block either. root NULL: no
 * folder to stay in (a file the operator named), the rest the same.
 * Returns the descriptor (O_RDONLY | O_CLOEXEC; O_NONBLOCK changes nothing
 * for a regular file's reads), with *st its fstat, or -1 with reason set to
 * why, without the path: "a symbolic link leading out of its folder (to
 * /etc/passwd)", "a FIFO (named pipe), not a regular file",
 * "cannot open: No such file or directory". The caller closes it. */
int safeopen_in(const char *root, const char *path, struct stat *st, char *reason, size_t reason_size);

/* Whether real lies inside the real path root_real (both already resolved,
 * absolute): "/a/b" is inside "/a", "/ab" is not, "/a" itself is not. */
bool safeopen_contains(const char *root_real, const char *real);

#endif
