/* atomicfile: a file replaced whole, for files other programs read while
 * the kiosk writes them (node_exporter's metrics, the proof-of-render
 * thumbnail): written to a temporary beside it that mkstemp(3) makes (a
 * new name each time, never an existing file nor a symbolic link planted
 * under a fixed name), given its mode with fchmod(2) whatever the
 * process's umask (systemd's UMask=0077 would make it 0600, unreadable to
 * the collector), synced, then renamed over the target (PLATFORM-NOTES: a
 * temp file in the same folder, fsync, rename, fsync the folder).
 * Owns: the temporary's name and its life.  Never: decides what is written.
 * Thread: any; each atomicfile is its caller's. */
#ifndef TICKER_ATOMICFILE_H
#define TICKER_ATOMICFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/limits.h"

struct atomicfile {
    FILE *stream;                         /* write here between begin and commit */
    char tmp[TICKER_PATH_SUFFIXED_MAX];   /* PATH.tmp-XXXXXX: never *.prom, so a collector skips it */
    const char *path;                     /* the target, the caller's */
};

/* Makes the temporary beside path with mode (0644: readable by a
 * collector under another user). False with err naming path and why (its
 * folder is missing: ENOENT). */
bool atomicfile_begin(struct atomicfile *file, const char *path, mode_t mode, char *err, size_t err_size);
/* Flushes, syncs and closes the temporary, renames it over the target and
 * syncs the folder. False with err; the temporary is removed either way. */
bool atomicfile_commit(struct atomicfile *file, char *err, size_t err_size);
/* Gives up: closes and removes the temporary (after a failed write). */
void atomicfile_abort(struct atomicfile *file);

#endif
