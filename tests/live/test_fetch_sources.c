/* The fetch loop's sources over time: a new configuration put in force
 * without a restart (fetch_set_config: the sources that stay keep their
 * state and items, the removed ones' items leave the cache and the screen,
 * new ones are read), and each source's hours (dayparting: outside them it
 * is neither fetched nor shown, its items stay cached), on a fixed clock.
 * Local files in the tsvfeed line format: no network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/mailbox.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "tsvfeed.h"

struct world {
    char dir[64];
    struct config *config;
    struct cache *cache;
    struct fetch *fetch;
    struct item_list *shown; /* the last list posted to the screen */
    int posts;
};

static void on_items(void *context, struct item_list *items)
{
    struct world *w = context;
    item_list_destroy(w->shown);
    w->shown = items;
    w->posts++;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A file source NAME.tsv in the world's folder with the given lines. */
static const char *feed(struct world *w, const char *name, const char *lines)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s.tsv", w->dir, name);
    char text[512];
    snprintf(text, sizeof text, "#tsv-feed %s\n%s", name, lines);
    write_file(path, text);
    return path;
}

static struct world *world_create(void)
{
    struct world *w = calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/ticker-fetchsrc-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    return w;
}

/* The config read from an INI text (as a kiosk reads its file). */
static struct config *config_from(struct world *w, const char *ini)
{
    char path[160], err[512];
    snprintf(path, sizeof path, "%s/ticker.ini", w->dir);
    write_file(path, ini);
    struct config *c = config_create();
    assert_non_null(c);
    if (!config_load_file(c, path, err, sizeof err))
        fail_msg("%s", err);
    return c;
}

static void world_open(struct world *w, struct config *config)
{
    char path[160];
    snprintf(path, sizeof path, "%s/cache.db", w->dir);
    w->config = config;
    w->cache = cache_open(path);
    assert_non_null(w->cache);
    struct fetch_hooks hooks = {.parse = tsvfeed_parse, .load_local = tsvfeed_load, .items_changed = on_items,
                                .context = w};
    w->fetch = fetch_create(config, w->cache, &hooks);
    assert_non_null(w->fetch);
}

static void world_destroy(struct world *w)
{
    fetch_destroy(w->fetch);
    cache_close(w->cache);
    config_destroy(w->config);
    item_list_destroy(w->shown);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", w->dir);
    assert_int_equal(system(command), 0);
    free(w);
}

static bool has_id(const struct item_list *items, const char *id)
{
    for (size_t i = 0; items && i < items->count; i++)
        if (!strcmp(items->items[i].id, id))
            return true;
    return false;
}

static bool cached(struct world *w, const char *id)
{
    char err[256];
    struct item_list *items = cache_items(w->cache, err, sizeof err);
    assert_non_null(items);
    bool found = has_id(items, id);
    item_list_destroy(items);
    return found;
}

static struct fetch_cycle_report cycle_at(struct world *w, int64_t now)
{
    struct fetch_cycle_report r;
    assert_true(fetch_cycle(w->fetch, now, false, &r));
    return r;
}

/* 2026-11-30 was a Monday; day 0 is that Monday, in UTC (TZ=UTC in main). */
static int64_t at(int day, int hour, int minute)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 30 + day, .tm_hour = hour, .tm_min = minute};
    return (int64_t)timegm(&tm);
}

/* --- a new configuration, live ---------------------------------------------------- */

static void a_changed_source_is_replaced_live_and_the_others_keep_their_state(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    char a[160], b[160], c[160], ini[1024];
    snprintf(a, sizeof a, "%s", feed(w, "a", "a-1\tMột\na-2\tHai\n"));
    snprintf(b, sizeof b, "%s", feed(w, "b", "b-1\tBa\n"));
    snprintf(c, sizeof c, "%s", feed(w, "c", "c-1\tBốn\n"));
    snprintf(ini, sizeof ini, "[source a]\nlocation = %s\n[source b]\nlocation = %s\n", a, b);
    world_open(w, config_from(w, ini));
    int64_t now = at(0, 12, 0);
    struct fetch_cycle_report r = cycle_at(w, now);
    assert_int_equal(r.items_changed, 3);
    assert_true(has_id(w->shown, "b-1"));

    /* b's location becomes c: a stays as it was (not read again, its
     * schedule kept), b's items leave the cache and the screen, c is read. */
    snprintf(ini, sizeof ini, "[source a]\nlocation = %s\n[source c]\nlocation = %s\n", a, c);
    struct config *next = config_from(w, ini);
    fetch_set_config(w->fetch, next);
    int parses = tsvfeed_parse_calls;
    r = cycle_at(w, now + 1); /* a is not due yet: only c, which is new */
    assert_int_equal(tsvfeed_parse_calls, parses + 1);
    assert_int_equal(r.attempted, 1);
    assert_true(cached(w, "a-1") && cached(w, "a-2") && cached(w, "c-1"));
    assert_false(cached(w, "b-1"));
    assert_true(has_id(w->shown, "a-1") && has_id(w->shown, "c-1"));
    assert_false(has_id(w->shown, "b-1"));
    size_t count;
    char err[256];
    struct cache_source *rows = cache_sources(w->cache, &count, err, sizeof err);
    assert_non_null(rows);
    for (size_t i = 0; i < count; i++)
        assert_string_not_equal(rows[i].location, b); /* its state row went with it */
    cache_sources_free(rows, count);
    struct cache_source s;
    assert_true(fetch_source_state(w->fetch, 0, &s));
    assert_string_equal(s.location, a);
    assert_int_equal(s.last_success, now); /* a's state moved over, not begun again */
    cache_source_clear(&s);

    /* A kind rule changes: every source's items come out differently, so
     * each is read again in full at once, due or not. */
    snprintf(ini, sizeof ini, "[source a]\nlocation = %s\n[source c]\nlocation = %s\n[kinds]\n"
             "dialogue_keywords = Một\n", a, c);
    struct config *third = config_from(w, ini);
    fetch_set_config(w->fetch, third);
    parses = tsvfeed_parse_calls;
    r = cycle_at(w, now + 2);
    assert_int_equal(r.attempted, 2);
    assert_int_equal(tsvfeed_parse_calls, parses + 2);
    /* The earlier configs are the caller's to keep until the fetch ends. */
    fetch_destroy(w->fetch);
    w->fetch = NULL;
    config_destroy(next);
    config_destroy(third);
    world_destroy(w);
}

/* --- hours ---------------------------------------------------------------------- */

static void a_source_outside_its_hours_is_neither_fetched_nor_shown(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    char all[160], morning[160], night[160], ini[1024];
    snprintf(all, sizeof all, "%s", feed(w, "all", "all-1\tLuôn\n"));
    snprintf(morning, sizeof morning, "%s", feed(w, "morning", "m-1\tSáng\n"));
    snprintf(night, sizeof night, "%s", feed(w, "night", "n-1\tĐêm\n"));
    snprintf(ini, sizeof ini,
             "[source all]\nlocation = %s\n[source morning]\nlocation = %s\nhours = 07:00-11:00\n"
             "[source night]\nlocation = %s\nhours = 22:00-02:00\nhours_sun = off\n",
             all, morning, night);
    world_open(w, config_from(w, ini));

    int parses = tsvfeed_parse_calls;
    cycle_at(w, at(0, 12, 0)); /* Monday noon: neither morning nor night */
    assert_int_equal(tsvfeed_parse_calls, parses + 1);
    assert_true(has_id(w->shown, "all-1"));
    assert_false(cached(w, "m-1"));
    assert_false(cached(w, "n-1"));

    cycle_at(w, at(1, 8, 0)); /* Tuesday 08:00: the morning source comes in, read and shown */
    assert_true(has_id(w->shown, "m-1"));
    assert_false(has_id(w->shown, "n-1"));

    cycle_at(w, at(1, 12, 0)); /* after 11:00: hidden from the screen, kept in the cache */
    assert_false(has_id(w->shown, "m-1"));
    assert_true(has_id(w->shown, "all-1"));
    assert_true(cached(w, "m-1"));
    feed(w, "morning", "m-1\tSáng\nm-2\tSáng nữa\n");
    cycle_at(w, at(1, 13, 0)); /* changed, but outside its hours: not read */
    assert_false(cached(w, "m-2"));

    cycle_at(w, at(1, 23, 30)); /* a range that crosses midnight: on before it */
    assert_true(has_id(w->shown, "n-1"));
    cycle_at(w, at(2, 1, 30)); /* and after it, on the next day */
    assert_true(has_id(w->shown, "n-1"));
    cycle_at(w, at(2, 2, 30));
    assert_false(has_id(w->shown, "n-1"));
    cycle_at(w, at(6, 23, 0)); /* Sunday off: its own key over `hours` */
    assert_false(has_id(w->shown, "n-1"));
    cycle_at(w, at(7, 1, 0)); /* and Sunday's range does not spill into Monday */
    assert_false(has_id(w->shown, "n-1"));
    cycle_at(w, at(7, 7, 30)); /* Monday morning again: the change waiting in the file is read now */
    assert_true(has_id(w->shown, "m-2"));
    world_destroy(w);
}

static void bad_hours_are_refused_with_the_key_and_the_reason(void **unused)
{
    (void)unused;
    struct world *w = world_create();
    char path[160], err[512];
    snprintf(path, sizeof path, "%s/bad.ini", w->dir);
    static const struct {
        const char *ini, *reason;
    } cases[] = {
        {"[source x]\nlocation = /x\nhours = 7-11\n", ":3: [source x] hours: \"7-11\" is not a range"},
        {"[source x]\nlocation = /x\nhours_fri = 09:00-25:00\n", ":3: [source x] hours_fri: \"09:00-25:00\""},
        {"[source x]\nhours = 07:00-11:00\n", ":2: [source x] has no location"},
        {"[source x]\nlocation = /x\nhours_someday = off\n", ":3: unknown setting [source x] hours_someday"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(path, cases[i].ini);
        struct config *c = config_create();
        assert_false(config_load_file(c, path, err, sizeof err));
        if (!strstr(err, cases[i].reason))
            fail_msg("case %zu: %s", i, err);
        config_destroy(c);
    }
    world_destroy(w);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_changed_source_is_replaced_live_and_the_others_keep_their_state),
        cmocka_unit_test(a_source_outside_its_hours_is_neither_fetched_nor_shown),
        cmocka_unit_test(bad_hours_are_refused_with_the_key_and_the_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
