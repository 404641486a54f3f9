/* Issue 22: a CAP Cancel, or an Update that clears (urgency Past,
 * responseType AllClear), from one alert source clears the alert from
 * every alert source in the cache — a kiosk with the national agency and
 * a regional relay re-publishing the same <sender>/<identifier> — and the
 * relay, fetched later and still carrying it, does not bring it back, nor
 * does a restart. The agency's feed a local file, the relay's served by
 * tests/feedserver.py on 127.0.0.1, both through the real reader and the
 * fetch loop (no stand-in parser). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "feedserver_client.h"
#include "live/fetch/reader.h"
#include "testutil.h"

static struct feedserver server;

#define NOW 1796608800 /* 2026-12-07T02:00:00Z, 09:00 in Hà Nội */
#define SENDER "kttv@nchmf.gov.vn"
#define X_ID "cap:" SENDER "/VN-2026-X"
#define W_ID "cap:" SENDER "/VN-2026-W"

static const char message_fmt[] =
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>%s</identifier><sender>" SENDER "</sender>"
    "<sent>%s</sent><status>Actual</status><msgType>%s</msgType><scope>Public</scope>%s%s</alert>";
static const char info_fmt[] =
    "<info><event>Lũ</event>%s<urgency>%s</urgency><severity>Severe</severity><certainty>Observed</certainty>"
    "<expires>2026-12-08T06:00:00+07:00</expires><headline>%s</headline><description>Sông Hồng lên nhanh."
    "</description></info>";

/* One CAP message into buf (references: the whole element, or ""). */
static const char *message(char *buf, size_t size, const char *id, const char *sent, const char *type,
                           const char *references, const char *response, const char *urgency, const char *headline)
{
    char info[1024] = "";
    if (headline)
        snprintf(info, sizeof info, info_fmt, response, urgency, headline);
    snprintf(buf, size, message_fmt, id, sent, type, references, info);
    return buf;
}

static const char *alert_x(char *buf, size_t size)
{
    return message(buf, size, "VN-2026-X", "2026-12-07T06:00:00+07:00", "Alert", "", "", "Immediate",
                   "Lũ quét ở Lào Cai");
}

struct world {
    char dir[64];
    char a[96], b[96], b_url[256], cache_path[96];
    struct config *config;
    struct cache *cache;
    struct fetch *fetch;
    int edits;
};

static int64_t wall(void *context)
{
    (void)context;
    return NOW;
}

/* A source file written (a feed of the messages), with a fresh mtime so
 * the loop reads it again even when its bytes are the same. */
static void write_source(struct world *w, const char *path, const char *first, const char *second)
{
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
               "<title>Cảnh báo</title>");
    const char *parts[] = {first, second};
    for (size_t i = 0; i < 2; i++)
        if (parts[i])
            fprintf(f, "<entry><content type=\"text/xml\">%s</content></entry>", parts[i]);
    fprintf(f, "</feed>\n");
    assert_int_equal(fclose(f), 0);
    struct timespec times[2] = {{.tv_sec = NOW - 1000 + ++w->edits}, {.tv_sec = NOW - 1000 + w->edits}};
    assert_int_equal(utimensat(AT_FDCWD, tmp, times, 0), 0);
    assert_int_equal(rename(tmp, path), 0);
}

static void world_open(struct world *w)
{
    w->cache = cache_open(w->cache_path);
    assert_non_null(w->cache);
    struct fetch_hooks hooks = {.wall_clock = wall, .context = w};
    w->fetch = fetch_create(w->config, w->cache, &hooks);
    assert_non_null(w->fetch);
}

static void world_close(struct world *w)
{
    fetch_destroy(w->fetch);
    cache_close(w->cache);
}

static struct world *world_create(void)
{
    struct world *w = calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/ticker-alertclear-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    /* The agency's own feed (A) and a regional relay of it (B). */
    snprintf(w->a, sizeof w->a, "%s/quoc-gia.xml", w->dir);
    snprintf(w->b, sizeof w->b, "%s/tiep-song.xml", w->dir);
    snprintf(w->cache_path, sizeof w->cache_path, "%s/cache.db", w->dir);
    char path[160];
    snprintf(path, sizeof path, "/file?path=%s", w->b);
    feedserver_url(&server, path, w->b_url, sizeof w->b_url);
    w->config = config_create();
    w->config->fetch.connect_timeout_seconds = 2;
    w->config->fetch.total_timeout_seconds = 4;
    assert_true(config_add_source(w->config, w->a, 0));
    assert_true(config_add_source(w->config, w->b_url, 0));
    for (size_t i = 0; i < 2; i++) {
        w->config->sources[i].alert = true;
        w->config->sources[i].cap_scopes = CONFIG_CAP_SCOPE_PUBLIC;
    }
    world_open(w);
    return w;
}

static void world_destroy(struct world *w)
{
    world_close(w);
    config_destroy(w->config);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", w->dir);
    assert_int_equal(system(command), 0);
    free(w);
}

static void cycle(struct world *w)
{
    struct fetch_cycle_report report = {0};
    assert_true(fetch_cycle(w->fetch, NOW, true, &report));
}

static bool cached(struct world *w, const char *id)
{
    char err[256];
    struct item_list *items = cache_items(w->cache, err, sizeof err);
    assert_non_null(items);
    bool found = false;
    for (size_t i = 0; i < items->count; i++)
        found |= !strcmp(items->items[i].id, id);
    item_list_destroy(items);
    return found;
}

/* X is in the cache as the relay's (B) row: B read first, A after. */
static void both_carry_x(struct world *w)
{
    char x[2048];
    write_source(w, w->b, alert_x(x, sizeof x), NULL);
    cycle(w);
    write_source(w, w->a, alert_x(x, sizeof x), NULL);
    cycle(w);
    assert_true(cached(w, X_ID));
}

/* The relay fetched again, still carrying X, and a new alert W: W is
 * shown, X is not. */
static void relay_again(struct world *w)
{
    char x[2048], other[2048];
    write_source(w, w->b, alert_x(x, sizeof x),
                 message(other, sizeof other, "VN-2026-W", "2026-12-07T08:30:00+07:00", "Alert", "", "", "Expected",
                         "Sạt lở ở Hà Giang"));
    cycle(w);
    assert_true(cached(w, W_ID));
    assert_false(cached(w, X_ID));
}

static void a_cancel_clears_every_source_and_stays(void **state)
{
    (void)state;
    struct world *w = world_create();
    both_carry_x(w);
    char cancel[2048];
    write_source(w, w->a,
                 message(cancel, sizeof cancel, "VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                         "<references>" SENDER ",VN-2026-X,2026-12-07T06:00:00+07:00</references>", "", "", NULL),
                 NULL);
    cycle(w);
    assert_false(cached(w, X_ID));
    relay_again(w);
    /* After a power cut: the cache file opened again. */
    world_close(w);
    world_open(w);
    assert_false(cached(w, X_ID));
    relay_again(w);
    /* X issued again after the Cancel is a new alert and is shown. */
    char again[2048];
    write_source(w, w->b,
                 message(again, sizeof again, "VN-2026-X", "2026-12-07T09:30:00+07:00", "Alert", "", "", "Immediate",
                         "Lũ quét trở lại"),
                 NULL);
    cycle(w);
    assert_true(cached(w, X_ID));
    world_destroy(w);
}

/* An Update of the same identifier that ends the threat (responseType
 * AllClear), and one of another identifier that references X (urgency
 * Past). */
static void an_all_clear_update_clears_every_source(void **state)
{
    (void)state;
    for (int variant = 0; variant < 2; variant++) {
        struct world *w = world_create();
        both_carry_x(w);
        char update[2048];
        if (variant == 0)
            message(update, sizeof update, "VN-2026-X", "2026-12-07T09:00:00+07:00", "Update", "",
                    "<responseType>AllClear</responseType>", "Immediate", "Hết cảnh báo lũ");
        else
            message(update, sizeof update, "VN-2026-X2", "2026-12-07T09:00:00+07:00", "Update",
                    "<references>" SENDER ",VN-2026-X,2026-12-07T06:00:00+07:00</references>", "", "Past",
                    "Lũ đã rút");
        write_source(w, w->a, update, NULL);
        cycle(w);
        assert_false(cached(w, X_ID));
        assert_false(cached(w, "cap:" SENDER "/VN-2026-X2"));
        relay_again(w);
        world_close(w);
        world_open(w);
        relay_again(w);
        world_destroy(w);
    }
}

/* A Cancel whose reference is not sender,identifier,sent: a warning that
 * names the source, and X stays on every source. */
static void a_malformed_reference_warns_and_loses_nothing(void **state)
{
    (void)state;
    struct world *w = world_create();
    both_carry_x(w);
    char cancel[2048], log_path[128];
    write_source(w, w->a,
                 message(cancel, sizeof cancel, "VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                         "<references>VN-2026-X</references>", "", "", NULL),
                 NULL);
    snprintf(log_path, sizeof log_path, "%s/log", w->dir);
    int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600), saved = dup(2);
    assert_true(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    cycle(w);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    size_t size;
    char *log = testutil_read_file(log_path, &size);
    assert_non_null(log);
    char expected[256];
    snprintf(expected, sizeof expected, "warning: %s: CAP message VN-2026-C: reference \"VN-2026-X\" is not",
             strrchr(w->a, '/') + 1);
    assert_non_null(strstr(log, expected));
    free(log);
    assert_true(cached(w, X_ID));
    char x[2048];
    write_source(w, w->b, alert_x(x, sizeof x), NULL);
    cycle(w);
    assert_true(cached(w, X_ID));
    world_destroy(w);
}

/* The rows of the clears table (the word that an alert is over). */
static int clears_rows(struct world *w)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open(w->cache_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM clears", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static void expire_at(struct world *w, int64_t at)
{
    char err[256];
    size_t removed;
    assert_true(cache_begin(w->cache, err, sizeof err));
    assert_true(cache_expire(w->cache, at, 30, 1000, &removed, err, sizeof err));
    assert_true(cache_commit(w->cache, err, sizeof err));
}

/* A source that still says it (unchanged: confirmed, as after a 304)
 * keeps the word that X is over; once it stops, 48 h later it goes. */
static void a_confirmed_source_keeps_its_clear(void **state)
{
    (void)state;
    struct world *w = world_create();
    both_carry_x(w);
    char cancel[2048];
    write_source(w, w->a,
                 message(cancel, sizeof cancel, "VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                         "<references>" SENDER ",VN-2026-X,2026-12-07T06:00:00+07:00</references>", "", "", NULL),
                 NULL);
    cycle(w);
    char err[256];
    assert_true(cache_begin(w->cache, err, sizeof err));
    assert_true(cache_confirm_items(w->cache, w->a, NOW, NOW + 40 * 3600, err, sizeof err));
    assert_true(cache_commit(w->cache, err, sizeof err));
    expire_at(w, NOW + 60 * 3600);
    world_close(w);
    assert_int_equal(clears_rows(w), 2); /* X, and the Cancel's own identifier */
    world_open(w);
    expire_at(w, NOW + 89 * 3600);
    world_close(w);
    assert_int_equal(clears_rows(w), 0);
    world_open(w);
    world_destroy(w);
}

/* The word that X is over lasts while a source carries X, then 48 h (or
 * to X's own expiry, if later), and goes with the cache's expiry. */
static void the_clear_is_kept_then_forgotten(void **state)
{
    (void)state;
    struct world *w = world_create();
    both_carry_x(w);
    char cancel[2048];
    write_source(w, w->a,
                 message(cancel, sizeof cancel, "VN-2026-C", "2026-12-07T09:00:00+07:00", "Cancel",
                         "<references>" SENDER ",VN-2026-X,2026-12-07T06:00:00+07:00</references>", "", "", NULL),
                 NULL);
    cycle(w);
    world_close(w);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(w->cache_path, &db), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT expires, seen FROM clears WHERE id = ?1", -1, &stmt, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(stmt, 1, X_ID, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t expires = sqlite3_column_int64(stmt, 0), seen = sqlite3_column_int64(stmt, 1);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    assert_int_equal(seen, NOW);
    assert_int_equal(expires, NOW + 21 * 3600); /* X's own: 2026-12-08T06:00:00+07:00 */
    world_open(w);
    char err[256];
    size_t removed;
    assert_true(cache_begin(w->cache, err, sizeof err));
    assert_true(cache_expire(w->cache, NOW + 47 * 3600, 30, 1000, &removed, err, sizeof err));
    assert_true(cache_commit(w->cache, err, sizeof err));
    char x[2048];
    write_source(w, w->b, alert_x(x, sizeof x), NULL);
    cycle(w);
    assert_false(cached(w, X_ID)); /* 47 h on: still over */
    assert_true(cache_begin(w->cache, err, sizeof err));
    assert_true(cache_expire(w->cache, NOW + 49 * 3600, 30, 1000, &removed, err, sizeof err));
    assert_true(cache_commit(w->cache, err, sizeof err));
    world_close(w);
    assert_int_equal(sqlite3_open(w->cache_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM clears", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(stmt, 0), 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    world_open(w);
    world_destroy(w);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_cancel_clears_every_source_and_stays),
        cmocka_unit_test(an_all_clear_update_clears_every_source),
        cmocka_unit_test(a_malformed_reference_warns_and_loses_nothing),
        cmocka_unit_test(the_clear_is_kept_then_forgotten),
        cmocka_unit_test(a_confirmed_source_keeps_its_clear),
    };
    if (feedserver_group_setup(&server) != 0)
        return 1;
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    feedserver_group_teardown(&server);
    return failed;
}
