/* alert: the bytes of a source of type alert -> alert items.  A CAP 1.2
 * document or feed goes to ingest/cap; anything else is a plain text
 * message: its first non-empty line the title, the rest the body (the
 * file an operator writes, /etc/ticker/alert.txt or one on a USB stick).
 * Never: reads the file (live/reader does) or decides how it is drawn. */
#ifndef TICKER_ALERT_H
#define TICKER_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/item.h"

/* Appends the alerts in data (at most one for a text message). changed_at:
 * when the file last changed (Unix seconds), from which expire_after
 * counts for a text message. An empty text file is no alert and a success.
 * Returns false with reason set for bytes that are not text (NUL bytes,
 * mostly invalid UTF-8) or broken CAP. */
bool alert_parse(const char *name, const char *data, size_t size, int64_t changed_at,
                 const struct source_config *source, struct item_list *out, char *reason, size_t reason_size);

#endif
