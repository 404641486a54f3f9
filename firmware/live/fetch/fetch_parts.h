/* fetch_parts: what the files of the fetch loop share (fetch.c schedules
 * and drives the transfers, fetch_batch.c turns ended attempts into cache
 * transactions, posts and the status).  Internal to live/fetch/fetch*.c: callers
 * use fetch.h.  Never: seen outside live/. */
#ifndef TICKER_FETCH_PARTS_H
#define TICKER_FETCH_PARTS_H

#include <pthread.h>
#include <stdatomic.h>

#include "live/fetch/fetch.h"
#include "live/http/http.h"

#define FETCH_LOCAL_POLL_SECONDS 10     /* stat() of a file or folder is cheap */
#define FETCH_BACKOFF_FIRST_SECONDS 30
#define FETCH_BACKOFF_MIN_CAP_SECONDS 900
#define FETCH_MAX_TTL_SECONDS 86400
#define FETCH_EXPIRE_EVERY_SECONDS 3600

enum attempt_result { ATTEMPT_UNCHANGED, ATTEMPT_CONTENT, ATTEMPT_FAILED };

struct source_run {
    struct fetch *fetch;            /* for the transfer's callback */
    size_t index;                   /* in config->sources */
    struct cache_source state;      /* as last committed (or loaded) */
    struct cache_source pending;    /* this attempt's new state */
    struct item_list *items;        /* this attempt's content, when ATTEMPT_CONTENT */
    struct http_response response;  /* its transfer's, once ended */
    enum attempt_result result;
    size_t changed;                 /* of items, new or different, once written */
    int64_t confirmed_at;           /* last 304 / unchanged files; not persisted */
    bool attempted;
    bool in_flight;                 /* submitted, its transfer has not ended yet */
    bool ended;                     /* its transfer ended, the response not taken yet */
    bool loaded;
    bool local;
    bool in_hours;                  /* within its [source] hours at the last look (fetched and shown) */
};

struct fetch {
    const struct config *config;
    struct cache *cache;
    struct fetch_hooks hooks;
    struct http_client *http;
    struct source_run *runs;
    size_t count;
    size_t ended;                   /* runs with ended set */
    atomic_bool stop;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool woken;                     /* fetch_wake since the loop last slept */
    unsigned int random_state;
    int64_t last_expiry;
    /* The clock (fetch_clock.c): wall time is monotonic time plus offset. */
    int64_t clock_offset;
    int64_t clock_run_start;        /* the first reading, moved with every jump */
    bool clock_started;
    char status[64];
    const struct config *next_config; /* under lock: waiting for a turn with no source's transfer in flight */
    bool hours_known;               /* in_hours was looked at once */
    /* What the operator lets the screen show (fetch_editorial.c). */
    struct editorial *editorial;    /* the judge of config; NULL on OOM (then every item is shown) */
    char **hidden_keys;             /* `ticker hide`'s, as last read from the cache */
    size_t hidden_count;
    int64_t judged_at;              /* the wall time the posts judge at (the loop's last turn) */
    int64_t editorial_due;          /* when a shown item gets too old: judge again; 0: never */
    int64_t hidden_polled;          /* when the hidden keys were last read */
    char *editorial_record;         /* what the last pass hid, as logged (said again only when it changes) */
    bool aged_out;                  /* max_age hid every headline at the last post */
};

/* fetch_batch.c */
int fetch_source_interval(const struct fetch *f, size_t i);
/* Schedules source i after its attempt and says how it went in one log line. */
void fetch_finish_attempt(struct fetch *f, size_t i, int64_t now, const char *err, long retry_after, bool cut_short);
/* Turns run i's ended transfer into its result (parsing a body). */
void fetch_take_response(struct fetch *f, size_t i, char *err, size_t err_size, long *retry_after);
void fetch_attempt_local(struct fetch *f, size_t i, char *err, size_t err_size);
/* Writes, settles and posts the runs whose attempts have ended. Expiry (and
 * the count cap) rides along with every write, or runs alone when
 * expire_due. Returns false when the write failed. */
bool fetch_end_batch(struct fetch *f, int64_t now, struct fetch_cycle_report *report, bool expire_due);

/* Posts the cached items of the sources within their hours. */
void fetch_post_items(struct fetch *f);
void fetch_update_status(struct fetch *f);

/* fetch_editorial.c */
#define FETCH_HIDDEN_POLL_SECONDS 5 /* `ticker hide` in another process is seen this soon */
#define FETCH_STATUS_AGED "Tin đã cũ" /* max_age hid every headline ([editorial] stale = say) */
/* The judge of f->config (again after a new config). */
void fetch_editorial_configure(struct fetch *f);
void fetch_editorial_destroy(struct fetch *f);
/* The cached items the screen may show (not those of hidden_origins, nor
 * those the rules hide), the config's pins after them; the log, the
 * cache's record and the metrics say what each rule hid. NULL with err. */
struct item_list *fetch_editorial_items(struct fetch *f, const char *const *hidden_origins, size_t count, char *err,
                                        size_t err_size);
/* Reads the hidden keys from the cache at now: whether they changed. */
bool fetch_editorial_read_hidden(struct fetch *f, int64_t now);
/* Each turn at now: a list judged again when an item got too old or the
 * hidden keys changed (posted). */
void fetch_editorial_tick(struct fetch *f, int64_t now);
/* wait (seconds) shortened to the next editorial change. */
int64_t fetch_editorial_wait(const struct fetch *f, int64_t now, int64_t wait);

/* fetch_sources.c */
/* Looks at each source's hours at now (wall seconds): true when one went in
 * or out of them since the last look (the items were posted again). */
bool fetch_update_hours(struct fetch *f, int64_t now);
/* At a turn with no source's transfer in flight: the config waiting from
 * fetch_set_config, if any, is put in force. */
void fetch_take_next_config(struct fetch *f, int64_t now);
/* Whether a config waits (no new transfer starts meanwhile). */
bool fetch_config_waiting(struct fetch *f);
/* A fresh run for source i of config. */
void fetch_run_init(struct fetch *f, struct source_run *run, size_t i, const struct config *config);

#endif
