/* The fetch loop against tests/feedserver.py on 127.0.0.1: conditional GET,
 * compression, redirects, every fault of issue 4, backoff, continuity,
 * local sources, status. Items are parsed by the tsvfeed stand-in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "live/cache/cache.h"
#include "feedserver_client.h"
#include "live/fetch/fetch.h"
#include "live/http/http.h"
#include "base/mailbox.h"
#include "tsvfeed.h"

static struct feedserver server;

struct world {
    char dir[64];
    char cache_path[128];
    struct config *config;
    struct cache *cache;
    struct mailbox *mailbox;
    struct fetch *fetch;
    int posts;
    char status[64];
    int64_t now;
    int64_t wall, mono;         /* the clocks fetch_clock reads */
    /* Set by watch_posts: what the first post saw, on the fetch thread. */
    bool watching;
    size_t watched_source;      /* the hung source */
    const char *watched_id;     /* the healthy source's new item */
    atomic_bool posted;
    bool first_post_had_id;
    bool first_post_id_cached;
    int watched_failures_at_post;
    bool watched_error_at_post;
    atomic_bool status_posted; /* a non-empty status reached the screen */
};

static void on_items(void *context, struct item_list *items)
{
    struct world *w = context;
    w->posts++;
    if (w->watching && !atomic_load(&w->posted)) {
        for (size_t i = 0; i < items->count; i++)
            w->first_post_had_id |= strcmp(items->items[i].id, w->watched_id) == 0;
        char err[256];
        struct item_list *cached = cache_items(w->cache, err, sizeof err); /* the fetch thread's own cache */
        for (size_t i = 0; cached && i < cached->count; i++)
            w->first_post_id_cached |= strcmp(cached->items[i].id, w->watched_id) == 0;
        item_list_destroy(cached);
        struct cache_source s; /* no cmocka assert here: this is not the test's thread */
        w->watched_failures_at_post = -1;
        if (fetch_source_state(w->fetch, w->watched_source, &s)) {
            w->watched_failures_at_post = s.failures;
            w->watched_error_at_post = s.last_error[0] != '\0';
            cache_source_clear(&s);
        }
        atomic_store(&w->posted, true);
    }
    mailbox_post_items(w->mailbox, items);
}

static void on_status(void *context, const char *status)
{
    struct world *w = context;
    snprintf(w->status, sizeof w->status, "%s", status);
    if (status[0])
        atomic_store(&w->status_posted, true);
    mailbox_post_status(w->mailbox, status);
}

/* The injected clocks when a test sets them, else the real ones. */
static int64_t world_wall(void *context)
{
    const struct world *w = context;
    return w->wall ? w->wall : (int64_t)time(NULL);
}

static int64_t world_mono(void *context)
{
    const struct world *w = context;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return w->mono ? w->mono : (int64_t)ts.tv_sec;
}

static struct world *world_create(void)
{
    struct world *w = calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/ticker-fetch-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->cache_path, sizeof w->cache_path, "%s/cache.db", w->dir);
    w->config = config_create();
    struct fetch_config *f = &w->config->fetch;
    /* Short limits keep the fault tests fast; the defaults are minutes. */
    f->connect_timeout_seconds = 2;
    f->total_timeout_seconds = 4;
    f->low_speed_bytes = 100;
    f->low_speed_seconds = 2;
    f->max_bytes = 2L * 1024 * 1024;
    f->max_redirects = 5;
    w->mailbox = mailbox_create();
    w->now = 1800000000;
    return w;
}

static void world_add(struct world *w, const char *path)
{
    char url[512];
    if (path[0] == '/' && strncmp(path, "/tmp", 4) != 0)
        feedserver_url(&server, path, url, sizeof url);
    else
        snprintf(url, sizeof url, "%s", path);
    assert_true(config_add_source(w->config, url, 0));
}

static void world_open(struct world *w)
{
    w->cache = cache_open(w->cache_path);
    assert_non_null(w->cache);
    struct fetch_hooks hooks = {.parse = tsvfeed_parse, .load_local = tsvfeed_load, .items_changed = on_items,
                                .status_changed = on_status, .wall_clock = world_wall, .monotonic_clock = world_mono,
                                .context = w};
    w->fetch = fetch_create(w->config, w->cache, &hooks);
    assert_non_null(w->fetch);
}

static void world_close(struct world *w)
{
    fetch_destroy(w->fetch);
    cache_close(w->cache);
    w->fetch = NULL;
    w->cache = NULL;
}

static void world_destroy(struct world *w)
{
    world_close(w);
    config_destroy(w->config);
    mailbox_destroy(w->mailbox);
    char command[256];
    snprintf(command, sizeof command, "rm -rf '%s'", w->dir);
    assert_int_equal(system(command), 0);
    free(w);
}

static struct fetch_cycle_report cycle(struct world *w)
{
    struct fetch_cycle_report report;
    w->now += 1;
    assert_true(fetch_cycle(w->fetch, w->now, true, &report));
    return report;
}

static size_t cached_count(struct world *w)
{
    char err[256];
    struct item_list *items = cache_items(w->cache, err, sizeof err);
    assert_non_null(items);
    size_t n = items->count;
    item_list_destroy(items);
    return n;
}

static bool cached_has(struct world *w, const char *id)
{
    char err[256];
    struct item_list *items = cache_items(w->cache, err, sizeof err);
    bool found = false;
    for (size_t i = 0; items && i < items->count; i++)
        found |= strcmp(items->items[i].id, id) == 0;
    item_list_destroy(items);
    return found;
}

static struct cache_source state_of(struct world *w, size_t index)
{
    struct cache_source s;
    assert_true(fetch_source_state(w->fetch, index, &s));
    return s;
}

/* --- conditional GET ------------------------------------------------------------ */

static void etag_round_trip_and_a_304_costs_no_parse_and_no_write(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/feed?fmt=tsv&name=etag&items=3");
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.items_changed, 3);
    assert_true(r.committed);
    assert_int_equal(w->posts, 1);
    struct cache_source s = state_of(w, 0);
    assert_true(s.etag[0] == '"');
    char *sent = feedserver_last_header(&server, "/feed", "If-None-Match");
    assert_string_equal(sent, ""); /* nothing to match on the first request */
    free(sent);

    int parses = tsvfeed_parse_calls;
    int64_t writes = cache_write_count(w->cache);
    long not_modified = feedserver_stat(&server, "not_modified", NULL);
    r = cycle(w);
    assert_int_equal(r.attempted, 1);
    assert_int_equal(r.not_modified, 1);
    assert_false(r.committed);
    assert_int_equal(tsvfeed_parse_calls, parses);        /* no parse */
    assert_int_equal(cache_write_count(w->cache), writes); /* no cache write */
    assert_int_equal(feedserver_stat(&server, "not_modified", NULL), not_modified + 1);
    sent = feedserver_last_header(&server, "/feed", "If-None-Match");
    assert_string_equal(sent, s.etag); /* the ETag went back as it came */
    free(sent);
    assert_int_equal(w->posts, 1);

    /* The validators survive a restart: the first request after it is conditional too. */
    world_close(w);
    world_open(w);
    r = cycle(w);
    assert_int_equal(r.not_modified, 1);
    assert_int_equal(tsvfeed_parse_calls, parses);
    cache_source_clear(&s);
    world_destroy(w);
}

static void last_modified_round_trip(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/feed-lm?fmt=tsv&name=lm");
    world_open(w);
    cycle(w);
    struct cache_source s = state_of(w, 0);
    assert_string_equal(s.etag, "");
    assert_string_equal(s.last_modified, "Sun, 15 Jun 2025 15:06:40 GMT");
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.not_modified, 1);
    char *sent = feedserver_last_header(&server, "/feed-lm", "If-Modified-Since");
    assert_string_equal(sent, s.last_modified);
    free(sent);
    cache_source_clear(&s);
    world_destroy(w);
}

static void gzip_and_deflate_are_accepted_and_decoded(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/gzip?fmt=tsv&name=gz&items=5");
    world_add(w, "/deflate?fmt=tsv&name=df&items=4");
    world_open(w);
    long gz = feedserver_stat(&server, "gzip_served", NULL), df = feedserver_stat(&server, "deflate_served", NULL);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.items_changed, 9);
    assert_int_equal(feedserver_stat(&server, "gzip_served", NULL), gz + 1);
    assert_int_equal(feedserver_stat(&server, "deflate_served", NULL), df + 1);
    assert_true(cached_has(w, "gz-4"));
    char *ua = feedserver_last_header(&server, "/gzip", "User-Agent");
    assert_string_equal(ua, w->config->fetch.user_agent);
    free(ua);
    world_destroy(w);
}

static void a_redirect_chain_is_followed_up_to_the_limit(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/redirect/3?fmt=tsv&name=moved");
    world_add(w, "/redirect/6?fmt=tsv&name=toofar");
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 1);
    assert_true(cached_has(w, "moved-0"));
    assert_false(cached_has(w, "toofar-0"));
    struct cache_source s = state_of(w, 1);
    assert_non_null(strstr(s.last_error, "more than 5 redirects"));
    cache_source_clear(&s);
    world_destroy(w);
}

/* A cookie wall: the first answer sets a cookie and redirects to the same
 * URL, and only a request that sends the cookie back gets the feed. The
 * cookie is kept in memory for that fetch only: the next cycle meets the
 * wall again (and nothing is written to disk). */
static void a_cookie_wall_is_passed_with_the_cookie_it_sets(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/cookie-wall?fmt=tsv&name=walled&items=3");
    world_open(w);
    long walls = feedserver_stat(&server, "by_path", "/cookie-wall");
    walls = walls < 0 ? 0 : walls;
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_true(cached_has(w, "walled-0"));
    assert_true(cached_has(w, "walled-2"));
    assert_int_equal(feedserver_stat(&server, "by_path", "/cookie-wall"), walls + 2); /* the wall, then the feed */
    char *cookie = feedserver_last_header(&server, "/cookie-wall", "Cookie");
    assert_string_equal(cookie, "wall=passed");
    free(cookie);
    /* the same easy handle serves the next fetch without the cookie */
    r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_int_equal(feedserver_stat(&server, "by_path", "/cookie-wall"), walls + 4);
    world_destroy(w);
}

static void a_redirect_to_file_is_refused(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/to-file");
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 1);
    assert_int_equal(cached_count(w), 0);
    struct cache_source s = state_of(w, 0);
    assert_non_null(strstr(s.last_error, "only http and https"));
    cache_source_clear(&s);
    world_destroy(w);
}

/* --- faults ---------------------------------------------------------------------- */

/* A source with cached items turns faulty beside a healthy one: the fault
 * ends in one error naming its reason, the healthy source is fetched in the
 * same cycle, the cache keeps the faulty source's items and the screen gets
 * no new (shorter) list. */
static void check_fault(const char *mode, const char *location_override, const char *expected_error)
{
    struct world *w = world_create();
    char path[256];
    snprintf(path, sizeof path, "/s/%s?fmt=tsv&name=%s&items=4", mode, mode);
    world_add(w, path);
    world_add(w, "/feed?fmt=tsv&name=healthy&items=2");
    world_open(w);
    assert_true(feedserver_set_mode(&server, mode, "ok"));
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_int_equal(cached_count(w), 6);
    struct item_list *shown = mailbox_take_items(w->mailbox);
    assert_non_null(shown);
    assert_int_equal(shown->count, 6);
    item_list_destroy(shown);

    if (location_override) {
        /* A host that cannot resolve: the same cache, a new location list. */
        world_close(w);
        free(w->config->sources[0].location);
        w->config->sources[0].location = strdup(location_override);
        world_open(w);
    } else {
        assert_true(feedserver_set_mode(&server, mode, mode));
    }
    r = cycle(w);
    assert_int_equal(r.attempted, 2);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.not_modified, 1); /* the healthy source answered as usual */
    struct cache_source s = state_of(w, 0);
    print_message("%s -> %s\n", mode, s.last_error);
    assert_non_null(strstr(s.last_error, expected_error));
    assert_int_equal(s.failures, 1);
    assert_true(s.next_due > w->now);
    assert_int_equal(cached_count(w), 6);            /* the cache keeps them */
    assert_null(mailbox_take_items(w->mailbox));     /* the screen keeps its list */
    assert_string_equal(w->status, FETCH_STATUS_STALE);
    cache_source_clear(&s);
    s = state_of(w, 1);
    assert_int_equal(s.failures, 0);
    cache_source_clear(&s);
    assert_true(feedserver_set_mode(&server, mode, "ok"));
    world_destroy(w);
}

static void fault_server_never_answers(void **unused) { (void)unused; check_fault("hang", NULL, "timed out"); }
static void fault_trickle_a_byte_a_second(void **unused) { (void)unused; check_fault("trickle", NULL, "timed out"); }
static void fault_http_500(void **unused) { (void)unused; check_fault("500", NULL, "HTTP 500"); }
static void fault_truncated_body(void **unused) { (void)unused; check_fault("truncated", NULL, "truncated"); }
static void fault_garbage(void **unused) { (void)unused; check_fault("garbage", NULL, "not a feed"); }
static void fault_unresolvable_host(void **unused)
{
    (void)unused;
    check_fault("dns", "http://nonexistent.invalid/feed.rss", "cannot resolve");
}

static void fault_100_mb_without_length_is_cut_at_the_cap(void **unused)
{
    (void)unused;
    check_fault("huge", NULL, "larger than the cap of 2097152 bytes");
}

static void fault_503_retry_after_is_honoured(void **unused)
{
    (void)unused;
    check_fault("503", NULL, "HTTP 503");
    struct world *w = world_create();
    world_add(w, "/status/503?retry_after=7200");
    world_open(w);
    cycle(w);
    struct cache_source s = state_of(w, 0);
    assert_true(s.next_due >= w->now + 7200); /* far beyond the first backoff step */
    assert_non_null(strstr(s.last_error, "retry after 7200 s"));
    cache_source_clear(&s);
    world_destroy(w);
}

static void backoff_grows_with_jitter_and_resets_on_success(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/s/flaky?fmt=tsv&name=flaky");
    world_open(w);
    assert_true(feedserver_set_mode(&server, "flaky", "500"));
    /* interval 300 s: first step 30 s, doubling, each jittered to [d/2, d]. */
    int64_t low = 15, high = 30;
    for (int n = 1; n <= 8; n++) {
        cycle(w);
        struct cache_source s = state_of(w, 0);
        int64_t delay = s.next_due - w->now;
        assert_int_equal(s.failures, n);
        assert_in_range(delay, low, high);
        cache_source_clear(&s);
        /* ... up to 15 minutes (the cap when the interval is shorter). */
        low = low * 2 > 450 ? 450 : low * 2;
        high = high * 2 > 900 ? 900 : high * 2;
    }
    assert_string_equal(w->status, FETCH_STATUS_OFFLINE);
    assert_true(feedserver_set_mode(&server, "flaky", "ok"));
    cycle(w);
    struct cache_source s = state_of(w, 0);
    assert_int_equal(s.failures, 0);
    assert_string_equal(s.last_error, "");
    assert_int_equal(s.next_due, w->now + 300);
    assert_string_equal(w->status, "");
    cache_source_clear(&s);
    world_destroy(w);
}

static void items_that_leave_a_feed_stay_until_they_expire(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/s/shrinking?fmt=tsv&name=shrinking&items=5");
    world_open(w);
    assert_true(feedserver_set_mode(&server, "shrinking", "ok"));
    cycle(w);
    assert_int_equal(cached_count(w), 5);
    assert_true(feedserver_set_mode(&server, "shrinking", "fewer"));
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_int_equal(cached_count(w), 5);
    assert_true(feedserver_set_mode(&server, "shrinking", "empty"));
    r = cycle(w);
    assert_int_equal(r.failed, 1); /* a feed with nothing in it is an error, not an empty screen */
    assert_int_equal(cached_count(w), 5);
    assert_true(feedserver_set_mode(&server, "shrinking", "changed"));
    r = cycle(w);
    assert_int_equal(r.items_changed, 5);
    assert_int_equal(cached_count(w), 10);
    struct item_list *shown = mailbox_take_items(w->mailbox);
    assert_int_equal(shown->count, 10);
    item_list_destroy(shown);
    /* Fifteen days later the items that left the feed are gone, the others stay. */
    w->now += 15 * 86400;
    r = cycle(w);
    assert_int_equal(r.items_expired, 5);
    assert_int_equal(cached_count(w), 5);
    assert_true(cached_has(w, "shrinking-100"));
    assert_false(cached_has(w, "shrinking-0"));
    assert_true(feedserver_set_mode(&server, "shrinking", "ok"));
    world_destroy(w);
}

static void a_feed_ttl_lengthens_the_interval(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/feed?fmt=tsv&name=slow&ttl=30");
    world_add(w, "/feed?fmt=tsv&name=quick&ttl=1");
    world_open(w);
    cycle(w);
    struct cache_source slow = state_of(w, 0), quick = state_of(w, 1);
    assert_int_equal(slow.next_due, w->now + 1800); /* 30 minutes beat 5 */
    assert_int_equal(quick.next_due, w->now + 300); /* 1 minute never shortens 5 */
    cache_source_clear(&slow);
    cache_source_clear(&quick);
    world_destroy(w);
}

static void ids_are_deduplicated_across_sources(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/feed?fmt=tsv&name=same&items=3");
    world_add(w, "/gzip?fmt=tsv&name=same&items=4");
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.items_changed, 4); /* 3 from the first, only same-3 new from the second */
    assert_int_equal(cached_count(w), 4);
    world_destroy(w);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void local_files_are_reread_when_they_change(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    char file[160];
    snprintf(file, sizeof file, "%s/usb.tsv", w->dir);
    write_file(file, "#tsv-feed usb\nu-1\tMột\n");
    world_add(w, file);
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.items_changed, 1);
    int parses = tsvfeed_parse_calls;
    r = cycle(w);
    assert_int_equal(r.not_modified, 1);
    assert_int_equal(tsvfeed_parse_calls, parses); /* unchanged: not read again */
    write_file(file, "#tsv-feed usb\nu-1\tMột\nu-2\tHai\n");
    r = cycle(w);
    assert_int_equal(r.items_changed, 1);
    assert_true(cached_has(w, "u-2"));
    /* Unplugged: an error, and the items stay. */
    assert_int_equal(unlink(file), 0);
    r = cycle(w);
    assert_int_equal(r.failed, 1);
    assert_int_equal(cached_count(w), 2);
    world_destroy(w);
}

/* Stalled servers first in the list, the healthy feed last: it is asked at
 * the same moment as they are, not after them (one after the other, it would
 * wait out 3 x 2 s of low-speed limit), and the cycle fetches it. */
static void a_stalled_server_delays_no_other_source(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    world_add(w, "/hang");
    world_add(w, "/trickle");
    world_add(w, "/status/503?retry_after=5");
    world_add(w, "/feed?fmt=tsv&name=prompt&items=2");
    world_open(w);
    struct fetch_cycle_report r = cycle(w);
    assert_int_equal(r.failed, 3);
    assert_true(cached_has(w, "prompt-1"));
    long hang = feedserver_stat(&server, "arrived_ms", "/hang");
    long trickle = feedserver_stat(&server, "arrived_ms", "/trickle");
    long prompt = feedserver_stat(&server, "arrived_ms", "/feed");
    print_message("healthy feed asked %ld ms after the stalled one\n", prompt - hang);
    assert_true(labs(prompt - hang) < 1500);
    assert_true(labs(trickle - hang) < 1500);
    world_destroy(w);
}

struct stopper {
    struct fetch *fetch;
};

struct cycler {
    struct world *world;
    struct fetch_cycle_report report;
    bool ok;
    atomic_bool returned;
};

static void *run_one_cycle(void *arg)
{
    struct cycler *c = arg;
    c->ok = fetch_cycle(c->world->fetch, c->world->now, true, &c->report);
    atomic_store(&c->returned, true);
    return NULL;
}

/* A 500 that ended while another transfer hangs, then a shutdown: the 500
 * is recorded and logged as the source's failure (its batch was written when
 * it ended), the hung source, cut short by the stop, is not. */
static void a_fault_that_ended_before_a_shutdown_is_still_recorded(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    w->config->fetch.total_timeout_seconds = 20;
    w->config->fetch.low_speed_seconds = 20;
    world_add(w, "/hang");
    world_add(w, "/status/500");
    world_open(w);
    atomic_init(&w->status_posted, false);
    w->now += 1;
    struct cycler cycler = {.world = w};
    atomic_init(&cycler.returned, false);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, run_one_cycle, &cycler), 0);
    for (int waited = 0; !atomic_load(&w->status_posted) && waited < 600; waited++)
        usleep(50 * 1000);
    fetch_request_stop(w->fetch);
    pthread_join(thread, NULL);
    assert_string_equal(w->status, FETCH_STATUS_STALE); /* one of two failing, seen while the other hung */
    struct cache_source s = state_of(w, 1);
    assert_int_equal(s.failures, 1);
    assert_string_equal(s.last_error, "HTTP 500");
    cache_source_clear(&s);
    s = state_of(w, 0);
    assert_int_equal(s.failures, 0);
    assert_string_equal(s.last_error, "");
    cache_source_clear(&s);
    assert_int_equal(cycler.report.failed, 1);
    assert_int_equal(cycler.report.attempted, 1);
    assert_true(cycler.report.committed);
    world_destroy(w);
}

/* A server that never answers beside a healthy feed that gained items: the
 * healthy feed's batch is committed and its items posted to the screen while
 * the hung transfer is still pending (its 20 s limit not yet reached, the
 * hung source's state untouched), not when the slowest transfer ends. */
static void new_items_reach_the_screen_while_another_source_hangs(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    w->config->fetch.total_timeout_seconds = 20;
    w->config->fetch.low_speed_seconds = 20;
    world_add(w, "/s/stuck?fmt=tsv&name=stuck&items=2");
    world_add(w, "/s/growing?fmt=tsv&name=growing&items=2");
    world_open(w);
    assert_true(feedserver_set_mode(&server, "stuck", "ok"));
    assert_true(feedserver_set_mode(&server, "growing", "ok"));
    cycle(w);
    assert_int_equal(cached_count(w), 4);
    item_list_destroy(mailbox_take_items(w->mailbox));

    assert_true(feedserver_set_mode(&server, "stuck", "hang"));
    assert_true(feedserver_set_mode(&server, "growing", "changed")); /* growing-100 and on are new */
    w->watching = true;
    w->watched_source = 0;
    w->watched_id = "growing-100";
    w->now += 1;
    struct cycler cycler = {.world = w};
    atomic_init(&cycler.returned, false);
    atomic_init(&w->posted, false);
    struct timespec start, posted_at;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, run_one_cycle, &cycler), 0);
    /* The old loop posted only when the hung transfer timed out (20 s); wait
     * past that, so the failure below is the ordering, not the clock. */
    for (int waited = 0; !atomic_load(&w->posted) && waited < 600; waited++)
        usleep(50 * 1000);
    clock_gettime(CLOCK_MONOTONIC, &posted_at);
    bool cycle_was_running = !atomic_load(&cycler.returned);
    fetch_request_stop(w->fetch); /* ends the hung transfer now */
    pthread_join(thread, NULL);
    print_message("new items posted %ld ms after the cycle began\n",
                  (long)((posted_at.tv_sec - start.tv_sec) * 1000 + (posted_at.tv_nsec - start.tv_nsec) / 1000000));

    assert_true(atomic_load(&w->posted));
    assert_int_equal(w->watched_failures_at_post, 0); /* the hung transfer had not ended */
    assert_false(w->watched_error_at_post);
    assert_true(cycle_was_running);
    assert_true(w->first_post_had_id);
    assert_true(w->first_post_id_cached);
    assert_true(posted_at.tv_sec - start.tv_sec < 20);
    assert_true(cycler.ok);
    assert_true(cycler.report.committed);
    assert_int_equal(cycler.report.items_changed, 2);
    struct item_list *shown = mailbox_take_items(w->mailbox);
    assert_non_null(shown);
    assert_int_equal(shown->count, 6);
    item_list_destroy(shown);
    /* The stop cut the hung transfer short: not the source's failure. */
    struct cache_source s = state_of(w, 0);
    assert_int_equal(s.failures, 0);
    assert_string_equal(s.last_error, "");
    cache_source_clear(&s);
    s = state_of(w, 1);
    assert_int_equal(s.failures, 0);
    assert_int_equal(s.last_success, w->now);
    cache_source_clear(&s);
    assert_true(cached_has(w, "growing-101"));
    assert_true(feedserver_set_mode(&server, "stuck", "ok"));
    assert_true(feedserver_set_mode(&server, "growing", "ok"));
    world_destroy(w);
}

static void *stop_soon(void *arg)
{
    struct stopper *s = arg;
    usleep(300 * 1000);
    fetch_request_stop(s->fetch);
    return NULL;
}

static void stop_aborts_a_transfer_in_flight(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    w->config->fetch.total_timeout_seconds = 600;
    w->config->fetch.low_speed_seconds = 600;
    world_add(w, "/hang");
    world_open(w);
    struct stopper stopper = {w->fetch};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, stop_soon, &stopper), 0);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    fetch_run(w->fetch); /* returns only because of the stop */
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(thread, NULL);
    /* Without the abort the transfer would run into its 600 s limit. */
    assert_true(end.tv_sec - start.tv_sec < 100);
    struct cache_source s = state_of(w, 0);
    assert_int_equal(s.failures, 0); /* a shutdown is not the source's failure */
    assert_string_equal(s.last_error, "");
    cache_source_clear(&s);
    world_destroy(w);
}

/* --- wall-clock jumps (a Pi without a real-time clock) ------------------------------ */

static struct fetch_cycle_report cycle_at_clock(struct world *w, bool force)
{
    struct fetch_cycle_report report;
    w->now = fetch_clock(w->fetch);
    assert_true(fetch_cycle(w->fetch, w->now, force, &report));
    return report;
}

/* Fetched at the real time; the Pi reboots with its clock in 1970, fetches
 * three new items, then NTP sets the clock: this run's times move with the
 * jump, so the 1970 items are not 56 years old and stay, and the source's
 * schedule is in the present. Without the move they expired at once. */
static void a_pi_that_boots_in_1970_then_syncs_loses_nothing(void **unused)
{
    (void)unused;
    const int64_t real = 1800000000;
    struct world *w = world_create();
    world_add(w, "/s/epoch?fmt=tsv&name=epoch&items=3");
    assert_true(feedserver_set_mode(&server, "epoch", "ok"));
    w->wall = real;
    w->mono = 1000;
    world_open(w);
    cycle_at_clock(w, true);
    assert_int_equal(cached_count(w), 3);
    world_close(w);

    w->wall = 86400; /* 1970-01-02: the boot */
    w->mono = 50;
    world_open(w);
    assert_true(feedserver_set_mode(&server, "epoch", "changed")); /* three new items */
    cycle_at_clock(w, false); /* due at once: the old schedule is years "ahead" */
    assert_int_equal(cached_count(w), 6);

    w->wall = real + 7200; /* NTP, a minute later */
    w->mono = 110;
    struct fetch_cycle_report r = cycle_at_clock(w, true); /* with expiry */
    (void)r;
    assert_int_equal(cached_count(w), 6);
    struct cache_source s = state_of(w, 0);
    print_message("after the jump: last success %lld s ago, next due in %lld s\n", (long long)(w->now - s.last_success),
                  (long long)(s.next_due - w->now));
    assert_true(s.last_success > w->now - 120 && s.last_success <= w->now);
    assert_true(s.next_due > w->now && s.next_due <= w->now + 600);
    cache_source_clear(&s);
    char err[256];
    size_t removed = 0;
    assert_true(cache_begin(w->cache, err, sizeof err));
    assert_true(cache_expire(w->cache, w->now, 14, 2000, &removed, err, sizeof err));
    assert_true(cache_commit(w->cache, err, sizeof err));
    assert_int_equal(removed, 0);
    assert_true(feedserver_set_mode(&server, "epoch", "ok"));
    world_destroy(w);
}

/* The Pi boots with its clock ten years ahead while its source fails:
 * nothing was seen, so nothing has aged (the cached items stay on screen);
 * then NTP sets the clock back, and the failing source's retry is minutes
 * away, not ten years. */
static void a_pi_that_boots_in_the_future_then_syncs_loses_nothing(void **unused)
{
    (void)unused;
    const int64_t real = 1800000000, decade = 10LL * 365 * 86400;
    struct world *w = world_create();
    world_add(w, "/s/future?fmt=tsv&name=future&items=3");
    assert_true(feedserver_set_mode(&server, "future", "ok"));
    w->wall = real;
    w->mono = 1000;
    world_open(w);
    cycle_at_clock(w, true);
    assert_int_equal(cached_count(w), 3);
    world_close(w);

    w->wall = real + decade;
    w->mono = 50;
    world_open(w);
    assert_true(feedserver_set_mode(&server, "future", "500"));
    struct fetch_cycle_report r = cycle_at_clock(w, false); /* fails, and expiry runs ten years on */
    assert_int_equal(r.failed, 1);
    assert_int_equal(cached_count(w), 3);

    w->wall = real + 3600; /* NTP sets it back */
    w->mono = 110;
    w->now = fetch_clock(w->fetch);
    struct cache_source s = state_of(w, 0);
    print_message("after the jump back: next try in %lld s\n", (long long)(s.next_due - w->now));
    assert_int_equal(s.failures, 1);
    assert_true(s.next_due > w->now - 120 && s.next_due <= w->now + 900);
    assert_true(s.last_error_at > w->now - 120 && s.last_error_at <= w->now);
    cache_source_clear(&s);
    assert_int_equal(cached_count(w), 3);
    assert_true(feedserver_set_mode(&server, "future", "ok"));
    world_destroy(w);
}

struct runner {
    struct fetch *fetch;
};

static void *run_loop(void *arg)
{
    fetch_run(((struct runner *)arg)->fetch);
    return NULL;
}

/* The loop, not a cycle: a healthy feed due every second is fetched every
 * second while another source's transfer hangs for 30 s. The old loop
 * started a new cycle only when the last one's slowest transfer ended, so
 * the healthy feed was asked once in the 4 s. */
static void a_hung_transfer_holds_up_no_other_sources_next_fetch(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    w->config->fetch.total_timeout_seconds = 30;
    w->config->fetch.low_speed_seconds = 30;
    world_add(w, "/hang");
    char url[512];
    feedserver_url(&server, "/feed-lm?fmt=tsv&name=every-second&items=2", url, sizeof url);
    assert_true(config_add_source(w->config, url, 1));
    world_open(w);
    long before = feedserver_stat(&server, "by_path", "/feed-lm");
    struct runner runner = {w->fetch};
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, run_loop, &runner), 0);
    usleep(4500 * 1000);
    fetch_request_stop(w->fetch);
    pthread_join(thread, NULL);
    long asked = feedserver_stat(&server, "by_path", "/feed-lm") - (before > 0 ? before : 0);
    print_message("healthy feed asked %ld times in 4.5 s beside a hung transfer\n", asked);
    assert_true(asked >= 3);
    assert_true(cached_has(w, "every-second-1"));
    struct cache_source s = state_of(w, 0);
    assert_int_equal(s.failures, 0); /* still hanging at the stop: not its failure */
    cache_source_clear(&s);
    world_destroy(w);
}

/* [fetch] max_transfers bounds the transfers at once; the others wait their
 * turn and all of them are fetched. The server counts answers in progress. */
static void transfers_at_once_stay_within_max_transfers(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    w->config->fetch.max_transfers = 3;
    for (int i = 0; i < 9; i++) {
        char path[128];
        snprintf(path, sizeof path, "/slow/%d?ms=300&fmt=tsv&name=slow%d&items=1", i, i);
        world_add(w, path);
    }
    world_open(w);
    free(feedserver_get(&server, "/stats?reset_max=1"));
    struct fetch_cycle_report r = cycle(w);
    long most = feedserver_stat(&server, "max_active", NULL);
    print_message("at most %ld answers in progress at once\n", most);
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.attempted, 9);
    assert_true(most >= 1 && most <= 3);
    assert_true(cached_has(w, "slow8-0"));
    world_destroy(w);
}

static int start_server(void **unused)
{
    (void)unused;
    return feedserver_group_setup(&server);
}

static int stop_server(void **unused)
{
    (void)unused;
    return feedserver_group_teardown(&server);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(etag_round_trip_and_a_304_costs_no_parse_and_no_write),
        cmocka_unit_test(last_modified_round_trip),
        cmocka_unit_test(gzip_and_deflate_are_accepted_and_decoded),
        cmocka_unit_test(a_redirect_chain_is_followed_up_to_the_limit),
        cmocka_unit_test(a_redirect_to_file_is_refused),
        cmocka_unit_test(a_cookie_wall_is_passed_with_the_cookie_it_sets),
        cmocka_unit_test(fault_server_never_answers),
        cmocka_unit_test(fault_trickle_a_byte_a_second),
        cmocka_unit_test(fault_http_500),
        cmocka_unit_test(fault_503_retry_after_is_honoured),
        cmocka_unit_test(fault_truncated_body),
        cmocka_unit_test(fault_100_mb_without_length_is_cut_at_the_cap),
        cmocka_unit_test(fault_garbage),
        cmocka_unit_test(fault_unresolvable_host),
        cmocka_unit_test(backoff_grows_with_jitter_and_resets_on_success),
        cmocka_unit_test(items_that_leave_a_feed_stay_until_they_expire),
        cmocka_unit_test(a_feed_ttl_lengthens_the_interval),
        cmocka_unit_test(ids_are_deduplicated_across_sources),
        cmocka_unit_test(local_files_are_reread_when_they_change),
        cmocka_unit_test(a_stalled_server_delays_no_other_source),
        cmocka_unit_test(stop_aborts_a_transfer_in_flight),
        cmocka_unit_test(new_items_reach_the_screen_while_another_source_hangs),
        cmocka_unit_test(a_fault_that_ended_before_a_shutdown_is_still_recorded),
        cmocka_unit_test(a_hung_transfer_holds_up_no_other_sources_next_fetch),
        cmocka_unit_test(a_pi_that_boots_in_1970_then_syncs_loses_nothing),
        cmocka_unit_test(a_pi_that_boots_in_the_future_then_syncs_loses_nothing),
        cmocka_unit_test(transfers_at_once_stay_within_max_transfers),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
