/* inifile: one INI file read with inih, line by line, for base/config.
 * Lines of any length up to 64 KiB (a feed URL with its query string),
 * only a regular file (a folder, a FIFO or a device is refused, never
 * opened for reading), and every error as "PATH:LINE: REASON" in words.
 * Owns: opening and reading the file, inih's line-buffer settings.
 * Never: knows what a setting means (the handler does). */
#ifndef TICKER_INIFILE_H
#define TICKER_INIFILE_H

#include <ini.h>
#include <stdbool.h>
#include <stddef.h>

/* Parses the file at path with inih, calling handler (inih's: nonzero to
 * go on) for each name = value in order; the first error stops it. False
 * with err: "PATH: not a config file: it is a folder, ...", "PATH: cannot
 * open: REASON", "PATH:LINE: the line is N bytes long, ...", "PATH:LINE:
 * a NUL byte ...", "PATH:LINE: not UTF-8 text ...", or "PATH:LINE: REASON" where REASON is handler_reason
 * (the handler's own words, read after it refused a line) when it is not
 * empty, else the syntax error in words. */
bool inifile_parse(const char *path, ini_handler handler, void *user, const char *handler_reason, char *err,
                   size_t err_size);

#endif
