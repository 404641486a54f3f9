/* filekind: what a path is, in words for a message ("a folder", "a FIFO
 * (named pipe)"), for the modules that open only regular files (the config,
 * sources, the cache): a FIFO would block an open for ever, a folder opens
 * and reads as empty or is taken for a damaged file.
 * Owns: those words.  Never: opens anything. */
#ifndef TICKER_FILEKIND_H
#define TICKER_FILEKIND_H

#include <sys/stat.h>

/* "a regular file", "a folder", "a FIFO (named pipe)", "a socket", "a
 * character device", "a block device" or "a special file"; a static
 * string. mode is st_mode from stat(2). */
const char *filekind_name(mode_t mode);

#endif
