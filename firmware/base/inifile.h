/* inifile: one INI file read with inih, line by line, for base/config.
 * Lines of any length up to 64 KiB (a feed URL with its query string),
 * only a regular file (a folder, a FIFO or a device is refused, never
 * opened for reading), and every error as "PATH:LINE: REASON" in words.
 * Owns: opening and reading the file, inih's line-buffer settings, the
 * entries read.  Never: knows what a setting means (base/config does). */
#ifndef TICKER_INIFILE_H
#define TICKER_INIFILE_H

#include <ini.h>
#include <stdbool.h>
#include <stddef.h>

/* One name = value as written, with its line (1-based). */
struct inifile_entry {
    char *section; /* "" before any [section] */
    char *name;
    char *value;
    int line;
};

/* A whole file, its entries in the order written. */
struct inifile {
    struct inifile_entry *entries;
    size_t count, capacity;
};

/* Reads the whole file at path with inih into doc (cleared first), so a
 * reader sees every section at once and the order of keys and sections
 * means nothing to it. False with err (doc left empty): "PATH: not a config
 * file: it is a folder, ...", "PATH: cannot open: REASON", "PATH:LINE: the
 * line is N bytes long, ...", "PATH:LINE: a NUL byte ...", "PATH:LINE: not
 * UTF-8 text ...", or "PATH:LINE: syntax error: ..." in words. */
bool inifile_read(const char *path, struct inifile *doc, char *err, size_t err_size);
/* Frees the entries; doc is empty after. */
void inifile_clear(struct inifile *doc);

#endif
