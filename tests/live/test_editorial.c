/* Editorial control (issue 19) on the fetch loop's real path: a local RSS
 * file read by the real reader, the real cache, the lists the loop posts.
 * A new rule or a hidden item changes what is posted with no fetch; the
 * fleet file's `hide =` reaches the screen at its next apply and after a
 * restart; max_age after a week offline (time injected, nothing sleeps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/config_editorial.h"
#include "base/mailbox.h"
#include "cli/remotewire.h"
#include "ingest/editorial.h"
#include "ingest/text.h"
#include "ingest/wordmatch.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "ops/remote.h"

/* The feed parser clamps dates in the future to the real clock: the
 * injected times start from it. */
static int64_t T0;
#define FIXED_TIME 1800000000 /* 2027-01-15 08:00 UTC */

struct world {
    char dir[64], feed[128], cache_path[128], local_ini[128];
    struct config *config;
    struct cache *cache;
    struct mailbox *mailbox;
    struct fetch *fetch;
    char status[64];
};

static void on_items(void *context, struct item_list *items)
{
    mailbox_post_items(((struct world *)context)->mailbox, items);
}

static void on_status(void *context, const char *status)
{
    struct world *w = context;
    snprintf(w->status, sizeof w->status, "%s", status);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rfc822(int64_t t, char out[64])
{
    time_t s = (time_t)t;
    struct tm tm;
    gmtime_r(&s, &tm);
    strftime(out, 64, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

/* Three dated items an hour old at T0 and one without a date. */
static void write_feed(const char *path)
{
    char d[64], rss[4096];
    rfc822(T0 - 3600, d);
    snprintf(rss, sizeof rss,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Tin</title>"
             "<item><guid>a</guid><title>Hợp tác quốc phòng Việt – Nhật</title><link>https://x.test/a</link>"
             "<pubDate>%s</pubDate></item>"
             "<item><guid>b</guid><title>Kết quả xổ số miền Bắc</title><link>https://x.test/b</link>"
             "<pubDate>%s</pubDate></item>"
             "<item><guid>c</guid><title>Triển lãm mở cửa</title><description>Cuộc họp báo sáng nay</description>"
             "<link>https://x.test/c</link><pubDate>%s</pubDate></item>"
             "<item><guid>u</guid><title>Tin không ngày</title><link>https://x.test/u</link></item>"
             "</channel></rss>",
             d, d, d);
    write_text(path, rss);
}

static struct world *world_create(void)
{
    struct world *w = calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/ticker-editorial-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->feed, sizeof w->feed, "%s/feed.rss", w->dir);
    snprintf(w->cache_path, sizeof w->cache_path, "%s/cache.db", w->dir);
    snprintf(w->local_ini, sizeof w->local_ini, "%s/ticker.ini", w->dir);
    write_feed(w->feed);
    w->mailbox = mailbox_create();
    return w;
}

/* A config from INI text: the source, then extra lines. */
static struct config *config_from(struct world *w, const char *extra)
{
    char ini[2048];
    snprintf(ini, sizeof ini, "[source news]\nlocation = %s\n[cache]\npath = %s\n%s", w->feed, w->cache_path, extra);
    write_text(w->local_ini, ini);
    struct config *c = config_create();
    char err[512];
    if (!config_load_file(c, w->local_ini, err, sizeof err))
        fail_msg("%s", err);
    return c;
}

static void world_open(struct world *w, struct config *config)
{
    w->config = config;
    w->cache = cache_open(w->cache_path);
    struct fetch_hooks hooks = {.items_changed = on_items, .status_changed = on_status, .context = w};
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
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", w->dir);
    assert_int_equal(system(command), 0);
    free(w);
}

static void cycle(struct world *w, int64_t now, bool force)
{
    struct fetch_cycle_report report;
    fetch_cycle(w->fetch, now, force, &report);
}

/* The ids of the newest list posted, comma-joined in order; "(none)" when
 * nothing was posted since the last look. */
static const char *posted(struct world *w)
{
    static char ids[512];
    struct item_list *list = mailbox_take_items(w->mailbox);
    if (!list)
        return "(none)";
    ids[0] = '\0';
    for (size_t i = 0; i < list->count; i++)
        snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? "," : "", list->items[i].id);
    item_list_destroy(list);
    return ids;
}

static bool has(const char *ids, const char *id)
{
    char padded[520], want[64];
    snprintf(padded, sizeof padded, ",%s,", ids);
    snprintf(want, sizeof want, ",%s,", id);
    return strstr(padded, want) != NULL;
}

/* --- the matcher ------------------------------------------------------------------ */

static bool matches(const char *phrase, const char *text)
{
    struct string_list list = {0};
    assert_true(string_list_add(&list, phrase));
    struct wordmatch *set = wordmatch_create(&list);
    char *folded = text_casefold(text);
    bool hit = wordmatch_find(set, folded) >= 0;
    free(folded);
    wordmatch_destroy(set);
    string_list_clear(&list);
    return hit;
}

static void words_match_whole_on_nfc_text_whatever_the_case(void **state)
{
    (void)state;
    assert_false(matches("họp", "Hợp tác quốc phòng"));      /* a different word, one mark apart */
    assert_true(matches("họp", "Cuộc HỌP báo"));             /* case folded */
    assert_true(matches("họp", "Cuo\xcc\x82\xcc\xa3" "c ho\xcc\xa3p")); /* NFD */
    assert_false(matches("xổ số", "xổ sốmiền"));             /* glued to a letter */
    assert_true(matches("Xổ Số", "kết quả xổ số, miền Bắc")); /* a phrase, punctuation after it */
    assert_false(matches("tin", "tinh hoa"));
}

/* --- rules on cached items ------------------------------------------------------------ */

static void a_new_exclude_rule_hides_a_cached_item_without_a_fetch(void **state)
{
    (void)state;
    struct world *w = world_create();
    world_open(w, config_from(w, ""));
    cycle(w, T0, true);
    const char *ids = posted(w);
    assert_true(has(ids, "b") && has(ids, "a") && has(ids, "c"));
    /* The feed is gone: a fetch now would fail and change nothing. */
    assert_int_equal(unlink(w->feed), 0);
    struct config *next = config_from(w, "[editorial]\nexclude = xổ số, họp\n");
    fetch_set_config(w->fetch, next);
    cycle(w, T0 + 1, false);
    ids = posted(w);
    assert_false(has(ids, "b"));  /* the title */
    assert_false(has(ids, "c"));  /* the summary: "họp báo" */
    assert_true(has(ids, "a"));   /* "hợp" is not "họp" */
    assert_true(has(ids, "u"));
    /* The record for `ticker status` and the metrics names each rule. */
    size_t n;
    int64_t at;
    char err[256];
    struct cache_rule_count *rules = cache_editorial(w->cache, &n, &at, err, sizeof err);
    bool xo = false, hop = false;
    for (size_t i = 0; i < n; i++) {
        xo |= strstr(rules[i].rule, "exclude \"xổ số\"") && rules[i].items == 1;
        hop |= strstr(rules[i].rule, "exclude \"họp\"") && rules[i].items == 1;
    }
    cache_rule_counts_free(rules, n);
    assert_true(xo && hop);
    assert_int_equal(at, T0 + 1);
    /* Nothing was fetched: the source had no attempt (it would have failed). */
    char line[128];
    struct cache_source s;
    assert_true(fetch_source_state(w->fetch, 0, &s));
    snprintf(line, sizeof line, "%s", s.last_error);
    assert_string_equal(line, "");
    cache_source_clear(&s);
    config_destroy(w->config);
    w->config = next;
    world_destroy(w);
}

/* `ticker hide` writes the cache; the running loop sees it within
 * FETCH_HIDDEN_POLL_SECONDS, and it stays hidden after a restart and a
 * refetch of the same item. */
static void an_item_hidden_by_hand_leaves_and_stays_hidden(void **state)
{
    (void)state;
    struct world *w = world_create();
    world_open(w, config_from(w, ""));
    cycle(w, T0, true);
    assert_true(has(posted(w), "a"));
    struct cache *other = cache_open(w->cache_path); /* `ticker hide` is another process */
    char err[256];
    assert_true(cache_hide(other, "https://x.test/a", T0, err, sizeof err)); /* by its link */
    cache_close(other);
    cycle(w, T0 + 6, false);
    const char *ids = posted(w);
    assert_false(has(ids, "a"));
    assert_true(has(ids, "b"));
    /* A restart, and the feed read again in full. */
    world_close(w);
    world_open(w, w->config);
    assert_true(fetch_post_cached(w->fetch) > 0);
    assert_false(has(posted(w), "a"));
    write_feed(w->feed);
    cycle(w, T0 + 100, true);
    ids = posted(w);
    assert_false(has(ids, "a"));
    /* Unhidden: back at the next look. */
    other = cache_open(w->cache_path);
    bool removed;
    assert_true(cache_unhide(other, "https://x.test/a", &removed, err, sizeof err));
    assert_true(removed);
    cache_close(other);
    cycle(w, T0 + 110, false);
    assert_true(has(posted(w), "a"));
    world_destroy(w);
}

/* The fleet file's `hide =`: checked and applied as remotewire does it
 * (remote_check, then the fetch loop takes the config), posted at once;
 * after a restart the last good copy, read over the local file at start
 * (remotewire_load_last_good), keeps it hidden. */
static void a_fleet_hide_reaches_the_screen_at_once_and_after_a_restart(void **state)
{
    (void)state;
    struct world *w = world_create();
    char last_good[160], extra[512];
    snprintf(last_good, sizeof last_good, "%s/remote.ini", w->dir);
    snprintf(extra, sizeof extra, "[remote]\nconfig_url = https://fleet.test/ticker.ini\nlast_good = %s\n", last_good);
    world_open(w, config_from(w, extra));
    cycle(w, T0, true);
    assert_true(has(posted(w), "c"));
    write_text(last_good, "[editorial]\nhide = c, https://x.test/b\n");
    char err[512];
    struct config *next = remote_check(w->local_ini, last_good, err, sizeof err);
    if (!next)
        fail_msg("%s", err);
    char why[256];
    assert_int_equal(remote_restart_needs(w->config, next, why, sizeof why), 0); /* applied live */
    fetch_set_config(w->fetch, next);
    cycle(w, T0 + 1, false); /* the loop's next turn */
    const char *ids = posted(w);
    assert_false(has(ids, "c")); /* by id */
    assert_false(has(ids, "b")); /* by link */
    assert_true(has(ids, "a"));
    /* The restart: the local file, then the last good copy over it. */
    world_close(w);
    config_destroy(w->config);
    w->config = NULL;
    config_destroy(next);
    struct config *restarted = config_create();
    assert_true(config_load_file(restarted, w->local_ini, err, sizeof err));
    assert_true(remotewire_load_last_good(restarted));
    world_open(w, restarted);
    assert_true(fetch_post_cached(w->fetch) > 0);
    ids = posted(w);
    assert_false(has(ids, "c"));
    assert_false(has(ids, "b"));
    assert_true(has(ids, "a"));
    world_destroy(w);
}

/* --- age ------------------------------------------------------------------------------ */

static void max_age_after_a_week_offline_says_stale(void **state)
{
    (void)state;
    struct world *w = world_create();
    world_open(w, config_from(w, "[editorial]\nmax_age = 172800\n"));
    cycle(w, T0, true);
    const char *ids = posted(w);
    assert_true(has(ids, "a") && has(ids, "u"));
    assert_string_equal(w->status, "");
    /* Offline: the source fails from now on. */
    assert_int_equal(unlink(w->feed), 0);
    cycle(w, T0 + 86400, true);
    ids = posted(w);
    assert_true(strcmp(ids, "(none)") == 0 || has(ids, "a")); /* a day on: still young */
    /* A week on, the loop turns (no fetch succeeds): nothing older than 2 days. */
    cycle(w, T0 + 7 * 86400, false);
    ids = posted(w);
    assert_string_equal(ids, "");
    assert_non_null(strstr(w->status, "Tin đã cũ"));
    world_destroy(w);
}

static void stale_show_shows_old_news_and_an_undated_item_ages_from_first_seen(void **state)
{
    (void)state;
    struct world *w = world_create();
    world_open(w, config_from(w, "[editorial]\nmax_age = 172800\nstale = show\n[source gone]\nlocation = /nonexistent/x\n"));
    cycle(w, T0, true);
    posted(w);
    /* 1.5 days on: the dated items (an hour older) are 1.54 days old, the
     * undated one 1.5: all shown. Past 2 days from the dates but not from
     * the first sighting: only the undated one. */
    cycle(w, T0 + 2 * 86400 - 1800, false);
    const char *ids = posted(w);
    assert_true(has(ids, "u"));
    assert_false(has(ids, "a"));
    /* Past both: shown anyway (stale = show), and the status says nothing of age. */
    cycle(w, T0 + 3 * 86400, false);
    ids = posted(w);
    assert_true(has(ids, "a") && has(ids, "u"));
    assert_null(strstr(w->status, "Tin đã cũ"));
    world_destroy(w);
}

/* --- config ----------------------------------------------------------------------------- */

static void the_settings_read_and_bad_values_are_named(void **state)
{
    (void)state;
    int64_t t;
    assert_true(config_parse_time("2027-01-15T08:00:00Z", &t) && t == FIXED_TIME);
    assert_true(config_parse_time("2027-01-15T15:00+07:00", &t) && t == FIXED_TIME);
    assert_false(config_parse_time("15/01/2027 14:00", &t));
    struct world *w = world_create();
    struct config *c = config_from(w, "[editorial]\npin = Lễ khai mạc lúc 14:00 tại sảnh A\n"
                                      "pin_start = 2027-01-15T06:00:00Z\npin_end = 2027-01-15T09:00:00Z\npin_featured = yes\n");
    struct pin_list pins;
    char err[512];
    assert_true(config_editorial_pins(&c->editorial, &pins, err, sizeof err));
    assert_int_equal(pins.count, 1);
    assert_string_equal(pins.pins[0].text, "Lễ khai mạc lúc 14:00 tại sảnh A");
    assert_int_equal(pins.pins[0].ends - pins.pins[0].starts, 3 * 3600);
    assert_true(pins.pins[0].featured);
    pin_list_clear(&pins);
    config_destroy(c);
    const char *bad[] = {"[editorial]\nstale = maybe\n", "[editorial]\npin = x\npin_start = tomorrow\n"};
    const char *said[] = {"[editorial] stale", "pin_start: invalid time"};
    for (int i = 0; i < 2; i++) {
        write_text(w->local_ini, bad[i]);
        c = config_create();
        assert_false(config_load_file(c, w->local_ini, err, sizeof err));
        if (!strstr(err, said[i]))
            fail_msg("%s", err);
        config_destroy(c);
    }
    world_destroy(w);
}

/* A pins.ini in a source folder (the stick): its pins reach the list the
 * loop posts, and leave it with the file. */
static void a_pins_file_on_the_stick_becomes_pins(void **state)
{
    (void)state;
    struct world *w = world_create();
    char folder[128], pins[160], feed[160];
    snprintf(folder, sizeof folder, "%s/stick", w->dir);
    assert_int_equal(mkdir(folder, 0755), 0);
    snprintf(pins, sizeof pins, "%s/pins.ini", folder);
    snprintf(feed, sizeof feed, "%s/news.rss", folder);
    assert_int_equal(rename(w->feed, feed), 0);
    write_text(pins, "[pin opening]\ntext = Lễ khai mạc lúc 14:00 tại sảnh A\nstart = 2020-01-01 00:00\n");
    snprintf(w->feed, sizeof w->feed, "%s", folder);
    world_open(w, config_from(w, ""));
    cycle(w, T0, true);
    struct item_list *list = mailbox_take_items(w->mailbox);
    assert_non_null(list);
    bool found = false;
    for (size_t i = 0; i < list->count; i++)
        found |= list->items[i].pinned && !strcmp(list->items[i].title, "Lễ khai mạc lúc 14:00 tại sảnh A");
    item_list_destroy(list);
    assert_true(found);
    assert_int_equal(unlink(pins), 0);
    cycle(w, T0 + 20, true);
    list = mailbox_take_items(w->mailbox);
    assert_non_null(list);
    for (size_t i = 0; i < list->count; i++)
        assert_false(list->items[i].pinned);
    item_list_destroy(list);
    world_destroy(w);
}

int main(void)
{
    T0 = (int64_t)time(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_match_whole_on_nfc_text_whatever_the_case),
        cmocka_unit_test(a_new_exclude_rule_hides_a_cached_item_without_a_fetch),
        cmocka_unit_test(an_item_hidden_by_hand_leaves_and_stays_hidden),
        cmocka_unit_test(a_fleet_hide_reaches_the_screen_at_once_and_after_a_restart),
        cmocka_unit_test(max_age_after_a_week_offline_says_stale),
        cmocka_unit_test(stale_show_shows_old_news_and_an_undated_item_ages_from_first_seen),
        cmocka_unit_test(the_settings_read_and_bad_values_are_named),
        cmocka_unit_test(a_pins_file_on_the_stick_becomes_pins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
