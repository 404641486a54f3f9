/* remote: the INI file a fleet shares, fetched from [remote] config_url and
 * applied over the kiosk's own file: its sections override the local ones,
 * "[SECTION @HOSTNAME]" sections apply to that kiosk alone, and when it
 * names sources they replace the local sources.
 * Owns: applying such a file, checking a candidate whole before anything is
 * applied (every line, every value, the schedule), saying what changed,
 * and which changes a running kiosk cannot take without a clean restart.
 * Never: fetches (cli wires live/http/http to it) or restarts anything. */
#ifndef TICKER_REMOTE_H
#define TICKER_REMOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/config.h"

/* Reads a remote file over config (see above). False with err
 * "PATH:LINE: reason" when any line is bad; config may then be half
 * changed, so check with remote_check first. */
bool remote_apply_file(struct config *config, const char *path, char *err, size_t err_size);

/* A fresh config from local_path ("" for none) with candidate_path applied
 * over it, checked whole: NULL with err naming the file, the line and the
 * reason when anything in it is wrong. Caller destroys. */
struct config *remote_check(const char *local_path, const char *candidate_path, char *err, size_t err_size);

/* Logs one line per difference between two configs: sources added and
 * removed, and every setting of the table that differs. Returns how many. */
size_t remote_log_changes(const char *origin, const struct config *before, const struct config *after);

/* The settings that differ between the configuration in force and the next
 * one and that only a clean restart applies (the table's rows that are not
 * live: the window and renderer, fonts, the picture worker, the HTTP
 * client, [health], [remote], ...), and going from no sources (the demo
 * content) to some or back. Their names ("[display] rotate"),
 * comma-separated, go into out. Returns how many; 0: everything that
 * changed can be applied to the running kiosk. */
size_t remote_restart_needs(const struct config *running, const struct config *next, char *out, size_t out_size);

#endif
