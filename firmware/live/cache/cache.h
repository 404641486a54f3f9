/* cache: the SQLite database that keeps headlines through outages, reboots
 * and power cuts — items keyed by id (one row per id whichever source gave
 * it), each source's fetch state (validators, last success and error, next
 * due time), expiry by age and count, the alerts a CAP Cancel or
 * all-clear ended (kept off every source).
 * Owns: the database file, its schema, moving a corrupt file aside.
 * Never: fetches, parses, or runs on the render thread; a connection is
 * used by one thread at a time. */
#ifndef TICKER_CACHE_H
#define TICKER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/item.h"

struct cache;

/* What the fetch loop knows about one source; every string is owned and
 * never NULL after cache_source_init. Times are Unix seconds, 0 = never. */
struct cache_source {
    char *location;
    char *etag;
    char *last_modified;
    char *signature;       /* local sources: sizes and mtimes when last read */
    char *last_error;      /* "" when the last attempt succeeded */
    int64_t last_success;  /* last time content was read and stored */
    int64_t last_error_at;
    int64_t next_due;
    int failures;          /* consecutive */
    int item_count;        /* items of the last successful read */
    int ttl_seconds;       /* the feed's own <ttl>, 0 when none */
};

void cache_source_init(struct cache_source *source);
void cache_source_clear(struct cache_source *source);
bool cache_source_copy(struct cache_source *dst, const struct cache_source *src);

/* /var/lib/ticker/cache.db when that directory is writable (the kiosk),
 * else $XDG_CACHE_HOME/ticker/cache.db or ~/.cache/ticker/cache.db. The
 * directory is created when missing. Caller frees; NULL on OOM. */
char *cache_default_path(void);
/* configured when it is set (not NULL, not ""), else cache_default_path().
 * Caller frees; NULL on OOM. */
char *cache_path_or_default(const char *configured);

/* Opens (creating when missing) and checks the database. A corrupt file is
 * renamed PATH.corrupt-YYYYMMDDTHHMMSSZ (with its -wal and -shm) with a
 * warning and a new one is built. A file that cannot be written (read-only
 * file system, read-only file) is never moved: it is read into a working
 * copy in memory, its items shown, with an error that says why ("read-only
 * file system"), and written back by cache_maintain once it can be. When
 * nothing can be read the cache lives in memory, with an error logged.
 * Returns NULL only on OOM. */
struct cache *cache_open(const char *path);
/* For inspection (`ticker cache`): the file opened read-only, never
 * created, moved or changed. NULL with err ("cache PATH: cannot be read
 * (REASON); left as it is") when it cannot be read. Close with cache_close. */
struct cache *cache_open_readonly(const char *path, char *err, size_t err_size);
void cache_close(struct cache *cache);
/* The file in use, or ":memory:" while the items live in memory. */
const char *cache_path(const struct cache *cache);
/* What it takes on disk: the file and its write-ahead log (0 in memory). */
int64_t cache_disk_bytes(const struct cache *cache);

/* After a failed write (then rolled back): when the storage is at fault
 * (disk full, read-only, I/O error), the items move to a working copy in
 * memory, an error names the file and the reason, and true says "write
 * again": the retry goes to memory. False when the fault is not the
 * storage's or the items are in memory already. */
bool cache_fall_back_to_memory(struct cache *cache);
/* Between transactions, on the cache's thread (the fetch loop calls it for
 * every batch): a file deleted or replaced while running is rebuilt from
 * the working copy at once (one warning); items kept in memory are written
 * to the file when it can be written again (tried at most every 10 s, or
 * now with force_save). Returns whether the file holds every item. */
bool cache_maintain(struct cache *cache, bool force_save);
/* Whether the file holds every item (false while they live in memory). */
bool cache_saved(const struct cache *cache);

/* One fetch cycle's changes go between begin and commit, so a power cut
 * leaves either the whole cycle or none of it. */
bool cache_begin(struct cache *cache, char *err, size_t err_size);
bool cache_commit(struct cache *cache, char *err, size_t err_size);
void cache_rollback(struct cache *cache);

/* Stores items read from origin (a source location) at time now. An id
 * already cached from another origin keeps its content (no flip-flop
 * between sources); every id gets last_seen = now. *changed counts the
 * items new or different in content, and those removed. An item of
 * clears set (a CAP Cancel or all-clear) is not stored: the alert of its
 * id is deleted whichever alert source stored it, and remembered as
 * cleared, so that no source brings it back (an alert of that id sent
 * before the clear is not stored), after a restart too, until the later of
 * its expiry and 48 h after the clear was last read or confirmed, or a
 * source last carried the alert. */
bool cache_store_items(struct cache *cache, const char *origin, const struct item_list *items, int64_t now,
                       size_t *changed, char *err, size_t err_size);

/* A source answered 304 (or its files did not change) at now: the items of
 * its last content (stored at content_time) are still in it, so they must
 * not age out, nor the alerts its Cancels cleared come back. Called at most once an hour, so a 304 itself writes nothing. */
bool cache_confirm_items(struct cache *cache, const char *origin, int64_t content_time, int64_t now, char *err,
                         size_t err_size);

/* Drops items not seen in any source for max_age_days — counted back from
 * now or from the newest sighting in the cache, whichever is earlier, so a
 * clock that jumps years ahead while nothing is fetched empties nothing —
 * and expired alerts, then, beyond
 * max_items, the oldest — shared fairly: each source (origin) keeps at
 * least its newest max_items / sources (at least one), the rest of the cap
 * goes to the newest of the others. *removed counts them. */
bool cache_expire(struct cache *cache, int64_t now, int max_age_days, int max_items, size_t *removed, char *err,
                  size_t err_size);

/* Every cached item, newest first (published, else first seen). Caller
 * owns the list. NULL with err set on failure. */
struct item_list *cache_items(struct cache *cache, char *err, size_t err_size);
/* The same without the items stored from the hidden origins (sources
 * outside their hours): hidden, still cached. */
struct item_list *cache_items_except(struct cache *cache, const char *const *hidden, size_t hidden_count, char *err,
                                     size_t err_size);
/* Decides for each cached item whether it is in the list: origin is the
 * location it was stored from, first_seen when the cache first had it
 * (Unix seconds). Called in screen order, on the cache's thread. */
typedef bool cache_keep_fn(void *arg, const char *origin, int64_t first_seen, const struct item *item);
/* Every cached item keep keeps, newest first. NULL with err on failure. */
struct item_list *cache_items_kept(struct cache *cache, cache_keep_fn *keep, void *arg, char *err, size_t err_size);

/* Items hidden by hand (`ticker hide ID|LINK`): kept until unhidden,
 * across restarts and refetches. cache_hide adds key (an id or a link) at
 * now; cache_unhide takes it away (*removed: whether it was there). */
bool cache_hide(struct cache *cache, const char *key, int64_t now, char *err, size_t err_size);
bool cache_unhide(struct cache *cache, const char *key, bool *removed, char *err, size_t err_size);
/* Every key hidden by hand, sorted; free with cache_keys_free. A cache
 * without the table (an older file read as it is) has none. */
char **cache_hidden_keys(struct cache *cache, size_t *count, char *err, size_t err_size);
void cache_keys_free(char **keys, size_t count);

/* What the editorial rules did at the last post (at, Unix seconds): how
 * many items were shown, and how many each rule hid (names as
 * ingest/editorial gives them), replacing the last record. */
struct cache_rule_count {
    char *rule;
    int64_t items;
};
bool cache_save_editorial(struct cache *cache, const struct cache_rule_count *rules, size_t count, int64_t at,
                          char *err, size_t err_size);
/* The last record; free with cache_rule_counts_free. *at is 0 when none. */
struct cache_rule_count *cache_editorial(struct cache *cache, size_t *count, int64_t *at, char *err, size_t err_size);
void cache_rule_counts_free(struct cache_rule_count *rules, size_t count);

/* The proof of play: events (base/playqueue) written in one transaction,
 * and with prune_before (Unix seconds; 0: none) every play that ended
 * before it deleted. */
struct play_event;
bool cache_record_plays(struct cache *cache, const struct play_event *events, size_t count, int64_t prune_before,
                        char *err, size_t err_size);
/* Each play that ended at or after since (Unix seconds), oldest first,
 * handed to each (its strings valid for the call). False with err. */
typedef void cache_play_fn(void *arg, const struct play_event *play);
bool cache_plays(struct cache *cache, int64_t since, cache_play_fn *each, void *arg, char *err, size_t err_size);

/* A source taken out of the configuration: its items and its state row
 * are deleted (inside the caller's transaction); *removed counts the items. */
bool cache_forget_origin(struct cache *cache, const char *origin, size_t *removed, char *err, size_t err_size);

bool cache_save_source(struct cache *cache, const struct cache_source *source, char *err, size_t err_size);
/* *found is false (and out is a fresh state for location) when the source
 * has no row yet. */
bool cache_load_source(struct cache *cache, const char *location, struct cache_source *out, bool *found,
                       char *err, size_t err_size);
/* The wall clock jumped by delta seconds: every time stored in [from, to]
 * (this run's, by the old clock — first and last seen of items, the
 * sources' last success, last error and next due) moves with it, in one
 * transaction. Times from earlier runs, outside the window, stay. */
bool cache_shift_times(struct cache *cache, int64_t from, int64_t to, int64_t delta, char *err, size_t err_size);
/* All sources with a row, by location. Caller frees with cache_sources_free. */
struct cache_source *cache_sources(struct cache *cache, size_t *count, char *err, size_t err_size);
void cache_sources_free(struct cache_source *sources, size_t count);

/* Rows written by this connection since it opened: a test's proof that a
 * 304 wrote nothing. */
int64_t cache_write_count(const struct cache *cache);

/* SQLite's full integrity check: true when the answer is "ok". */
bool cache_integrity_ok(struct cache *cache, char *err, size_t err_size);

#endif
