/* feeder: a warm start shows the cached items in the very first frame —
 * they are in the mailbox when feeder_start returns, before any fetch (the
 * source here is a port nobody listens on). Before, the thread posted them
 * a frame or two after the display opened, which showed the waiting line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/mailbox.h"
#include "live/cache/cache.h"
#include "live/feeder/feeder.h"
#include "live/fetch/reader.h"

static void cached_items_are_there_before_the_first_frame(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-feeder-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/cache.db", dir);
    const char *source = "http://127.0.0.1:9/rss";

    struct cache *cache = cache_open(path);
    assert_non_null(cache);
    struct item_list *items = item_list_create();
    for (int i = 0; i < 3; i++) {
        struct item item;
        item_init(&item);
        char id[16];
        snprintf(id, sizeof id, "warm-%d", i);
        assert_true(item_set(&item.id, id));
        char title[64]; /* three stories: the same title would be one story (base/dedupe) */
        snprintf(title, sizeof title, "Tin số %d đã lưu từ lần chạy trước", i);
        assert_true(item_set(&item.title, title));
        assert_true(item_list_push(items, &item));
        item_clear(&item);
    }
    char err[256];
    size_t changed = 0;
    assert_true(cache_begin(cache, err, sizeof err));
    assert_true(cache_store_items(cache, source, items, 1700000000, &changed, err, sizeof err));
    assert_true(cache_commit(cache, err, sizeof err));
    cache_close(cache);
    item_list_destroy(items);

    struct config *config = config_create();
    assert_true(config_add_source(config, source, 3600));
    free(config->cache.path);
    config->cache.path = strdup(path);
    struct mailbox *mailbox = mailbox_create();
    struct feeder *feeder = feeder_start(config, mailbox);
    assert_non_null(feeder);
    struct item_list *first = mailbox_take_items(mailbox); /* no waiting: the first frame's take */
    assert_non_null(first);
    assert_int_equal(first->count, 3);
    item_list_destroy(first);
    feeder_stop(feeder);
    mailbox_destroy(mailbox);
    config_destroy(config);
    char command[512];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    reader_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cached_items_are_there_before_the_first_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
