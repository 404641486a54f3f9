/* playreport: the proof of play as it is printed — one CSV row (RFC 4180)
 * or one JSON line per event, its times RFC 3339 in UTC.
 * Owns: nothing past a call.  Never: reads the cache (live/cache does) or
 * chooses the events (the caller does). */
#ifndef TICKER_PLAYREPORT_H
#define TICKER_PLAYREPORT_H

#include <stdio.h>

#include "base/playqueue.h"

/* "started,ended,kind,id,title,source" and a line break. */
void playreport_csv_header(FILE *out);
void playreport_csv(FILE *out, const struct play_event *event);
/* {"started":…,"ended":…,"seconds":…,"kind":…,"id":…,"title":…,"source":…} */
void playreport_json(FILE *out, const struct play_event *event);

#endif
