/* Pictures fetched on the fetch loop's HTTP client (live/pictures/picture_transfers
 * through the fetch loop's tick hook, as the feeder wires it), against tests/feedserver.py on
 * 127.0.0.1: a picture arrives and is decoded; one over [fetch]
 * picture_max_bytes is refused with an error naming its URL; pictures that
 * never answer hold at most half of the client's slots, so the feed's GET
 * is not held up behind them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "base/mailbox.h"
#include "base/picture_mailbox.h"
#include "live/cache/cache.h"
#include "live/fetch/fetch.h"
#include "live/http/http.h"
#include "live/pictures/picture_decode.h"
#include "live/pictures/picture_transfers.h"
#include "live/pictures/picture_worker.h"
#include "feedserver_client.h"

static struct feedserver server;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *url_of(const char *path)
{
    char *url = malloc(512);
    feedserver_url(&server, path, url, 512);
    return url;
}

/* The fetch loop as the feeder wires it (the tick hook hands the client
 * to the picture worker), with clocks the test moves forward. */
struct loop {
    struct picture_worker *worker;
    atomic_int posts;
    atomic_llong offset; /* seconds added to both clocks */
};

static void on_items(void *context, struct item_list *items)
{
    struct loop *l = context;
    atomic_fetch_add(&l->posts, 1);
    item_list_destroy(items);
}

static void on_tick(void *context, struct http_client *http, int64_t now)
{
    (void)now;
    struct loop *l = context;
    picture_worker_tick(l->worker, http);
}

static int64_t wall(void *context)
{
    return (int64_t)time(NULL) + atomic_load(&((struct loop *)context)->offset);
}

static int64_t mono(void *context)
{
    return (int64_t)now_seconds() + atomic_load(&((struct loop *)context)->offset);
}

static void *run_fetch(void *fetch)
{
    fetch_run(fetch);
    return NULL;
}

static bool wait_for(atomic_int *value, int at_least, double seconds)
{
    double until = now_seconds() + seconds;
    while (atomic_load(value) < at_least && now_seconds() < until)
        usleep(20000);
    return atomic_load(value) >= at_least;
}

/* One client of four slots for the feed and the pictures: the good picture
 * is decoded, the big one refused by the cap with its URL in the error;
 * then four pictures that never answer are in flight when the feed falls
 * due again, and its GET still gets a slot and ends. */
static void pictures_share_the_fetch_loop_without_holding_up_the_feed(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-ptransfers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char db[128];
    snprintf(db, sizeof db, "%s/cache.db", dir);
    struct config *config = config_create();
    free(config->cache.path);
    config->cache.path = strdup(db);
    config->fetch.max_transfers = 4;
    config->fetch.total_timeout_seconds = 120; /* the hung pictures stay hung for the whole test */
    config->fetch.low_speed_seconds = 120;
    config->fetch.picture_max_bytes = 55000; /* con-so.png is 52,242 bytes, khu-trung-bay.jpg 58,078 */
    char *feed = url_of("/changing?name=pictures&items=3"); /* new items at every GET */
    assert_true(config_add_source(config, feed, 0));
    char *good = url_of("/picture/con-so.png"), *big = url_of("/picture/khu-trung-bay.jpg");
    char *hung[4];
    for (int i = 0; i < 4; i++) {
        char path[64];
        snprintf(path, sizeof path, "/hang?picture=%d", i);
        hung[i] = url_of(path);
    }
    struct picture_mailbox *pictures = picture_mailbox_create();
    struct cache *cache = cache_open(db);
    assert_non_null(cache);
    struct loop l = {0};
    struct fetch_hooks hooks = {.items_changed = on_items, .tick = on_tick, .wall_clock = wall,
                                .monotonic_clock = mono, .context = &l};
    struct fetch *fetch = fetch_create(config, cache, &hooks);
    assert_non_null(fetch);
    l.worker = picture_worker_start(config, pictures, fetch);
    assert_non_null(l.worker);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, run_fetch, fetch), 0);
    assert_true(wait_for(&l.posts, 1, 10)); /* the first fetch */

    long hangs_before = feedserver_stat(&server, "by_path", "/hang");
    const char *wish[] = {good, big, hung[0], hung[1], hung[2], hung[3]};
    picture_mailbox_wish(pictures, wish, 6, 400, 300, 0, 0);
    bool got_good = false, got_big = false;
    double until = now_seconds() + 10;
    while (now_seconds() < until && !(got_good && got_big)) {
        struct picture_result r;
        if (!picture_mailbox_take(pictures, &r)) {
            usleep(20000);
            continue;
        }
        if (strcmp(r.url, good) == 0) {
            assert_non_null(r.rgba);
            assert_true(r.width > 0 && r.width <= 400 && r.height > 300 && r.height <= 4 * 300); /* an infographic */
            got_good = true;
        } else if (strcmp(r.url, big) == 0) {
            assert_null(r.rgba);
            assert_non_null(strstr(r.error, big));
            assert_non_null(strstr(r.error, "cap"));
            got_big = true;
        } else {
            fail_msg("a result for %s, which never answers: %s", r.url, r.error);
        }
        picture_result_clear(&r);
    }
    assert_true(got_good);
    assert_true(got_big);
    /* The hung pictures are in flight... */
    if (hangs_before < 0)
        hangs_before = 0;
    until = now_seconds() + 10;
    while (feedserver_stat(&server, "by_path", "/hang") < hangs_before + 2 && now_seconds() < until)
        usleep(20000);
    assert_true(feedserver_stat(&server, "by_path", "/hang") >= hangs_before + 2);
    /* ...when a day passes and the feed falls due: it is fetched at once. */
    atomic_fetch_add(&l.offset, 86400);
    fetch_wake(fetch);
    assert_true(wait_for(&l.posts, 2, 10));
    struct picture_result none;
    assert_false(picture_mailbox_take(pictures, &none)); /* the hung ones still hang */

    double stop_start = now_seconds();
    fetch_request_stop(fetch); /* aborts the hung transfers */
    pthread_join(thread, NULL);
    picture_worker_stop(l.worker);
    assert_true(now_seconds() - stop_start < 10);
    fetch_destroy(fetch);
    cache_close(cache);
    picture_mailbox_destroy(pictures);
    config_destroy(config);
    free(feed);
    free(good);
    free(big);
    for (int i = 0; i < 4; i++)
        free(hung[i]);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

static void count_wake(void *context)
{
    (*(int *)context)++;
}

/* At most half of the client's slots (at least one) carry pictures; each
 * URL is asked for once until it is taken back; the client's thread is
 * woken for each new ask. */
static void pictures_take_at_most_half_the_slots(void **state)
{
    (void)state;
    struct config *config = config_create();
    config->fetch.max_transfers = 4;
    atomic_bool stop = false;
    struct http_client *http = http_client_create(&config->fetch, &stop);
    assert_non_null(http);
    int wakes = 0;
    struct picture_transfers *t = picture_transfers_create(1000, count_wake, &wakes, NULL, NULL);
    assert_non_null(t);
    char *urls[6];
    for (int i = 0; i < 6; i++) {
        char path[64];
        snprintf(path, sizeof path, "/hang?slot=%d", i);
        urls[i] = url_of(path);
        assert_true(picture_transfers_ask(t, urls[i]));
    }
    assert_false(picture_transfers_ask(t, urls[0])); /* already asked for */
    assert_int_equal(wakes, 6);
    picture_transfers_tick(t, http);
    assert_int_equal(http_client_pending(http), 2);
    picture_transfers_tick(t, http); /* nothing ended: nothing more */
    assert_int_equal(http_client_pending(http), 2);
    assert_int_equal(picture_transfers_pending(t), 6);
    atomic_store(&stop, true);
    while (http_client_pending(http))
        http_client_run(http, 100);
    char *url;
    struct http_response r;
    int taken = 0;
    while (picture_transfers_take(t, &url, &r)) {
        assert_true(r.outcome == HTTP_FAILED && r.stopped);
        http_response_clear(&r);
        free(url);
        taken++;
    }
    assert_int_equal(taken, 2);
    assert_int_equal(picture_transfers_pending(t), 4);
    picture_transfers_destroy(t); /* frees the four never submitted */
    http_client_destroy(http);
    for (int i = 0; i < 6; i++)
        free(urls[i]);
    config_destroy(config);
}

static int setup(void **state)
{
    (void)state;
    return feedserver_group_setup(&server);
}

static int teardown(void **state)
{
    (void)state;
    return feedserver_group_teardown(&server);
}

int main(int argc, char **argv)
{
    (void)argc;
    char err[512];
    if (!picture_decode_init(argv[0], err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pictures_take_at_most_half_the_slots),
        cmocka_unit_test(pictures_share_the_fetch_loop_without_holding_up_the_feed),
    };
    int status = cmocka_run_group_tests(tests, setup, teardown);
    picture_decode_shutdown();
    return status;
}
