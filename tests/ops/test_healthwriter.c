/* ops/healthwriter on plain data alone: the frame loop's numbers, the
 * cache's and a thumbnail handed over by callbacks (no screen, no cache),
 * the metrics file written with them, the thumbnail beside it through the
 * writer it is given, the cache's part released after every write, and a
 * last write as the writer stops, however soon. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/config.h"
#include "ops/healthwriter.h"
#include "testutil.h"

static const double bounds[2] = {0.02, 1e300};

struct fake {
    uint64_t counts[2];
    int frame_reads, cache_reads, cache_clears, finished;
};

static void read_frames(void *context, struct health_report *r, struct health_thumbnail *thumbnail)
{
    struct fake *f = context;
    f->frame_reads++;
    f->counts[0] = 41;
    f->counts[1] = 1;
    r->frames_presented = 42;
    r->frames_missed = 1;
    r->bucket_bounds = bounds;
    r->bucket_counts = f->counts;
    r->bucket_count = 2;
    r->items_shown = 7;
    r->screen_on = true;
    if (f->frame_reads == 1) { /* one read-back of the screen, at the first write */
        thumbnail->rgb = calloc(4 * 2, 3);
        thumbnail->width = 4;
        thumbnail->height = 2;
    }
}

static void read_cache(void *context, struct health_report *r)
{
    struct fake *f = context;
    f->cache_reads++;
    r->cache_items = 12;
    r->cache_bytes = 4096;
}

static void clear_cache(void *context, struct health_report *r)
{
    struct fake *f = context;
    assert_int_equal(r->cache_items, 12); /* the report it filled, after the write */
    f->cache_clears++;
}

/* Not a PNG: what it was asked to write, to be read back. */
static bool write_png(const char *path, int mode, const struct health_thumbnail *t, char *err, size_t err_size)
{
    (void)err;
    (void)err_size;
    FILE *out = fopen(path, "w");
    if (!out)
        return false;
    fprintf(out, "%dx%d %o\n", t->width, t->height, (unsigned)mode);
    fclose(out);
    return true;
}

static void finish(void *context)
{
    struct fake *f = context;
    f->finished++;
}

static void writes_what_the_callbacks_hand_over(void **state)
{
    (void)state;
    char dir[] = "/tmp/ticker-healthwriter-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char textfile[512], png[512];
    snprintf(textfile, sizeof textfile, "%s/ticker.prom", dir);
    snprintf(png, sizeof png, "%s/ticker.png", dir);
    struct config *config = config_create();
    assert_non_null(config);
    char why[256];
    assert_true(config_set(config, "health", "textfile", textfile, "test", why, sizeof why));
    struct fake f = {0};
    struct healthwriter_wiring wiring = {read_frames, read_cache, clear_cache, write_png, finish, &f};
    struct healthwriter *w = healthwriter_start(config, &wiring);
    assert_non_null(w);
    healthwriter_stop(w); /* a stop before the first write still writes once, as the program ends */
    assert_true(f.frame_reads >= 1);
    assert_int_equal(f.cache_reads, f.frame_reads);
    assert_int_equal(f.cache_clears, f.cache_reads);
    assert_int_equal(f.finished, 1);

    size_t size;
    char *metrics = testutil_read_file(textfile, &size);
    assert_non_null(metrics);
    assert_non_null(strstr(metrics, "\nticker_frames_presented_total 42\n"));
    assert_non_null(strstr(metrics, "\nticker_frames_missed_total 1\n"));
    assert_non_null(strstr(metrics, "\nticker_items_shown 7\n"));
    assert_non_null(strstr(metrics, "\nticker_cache_items 12\n"));
    free(metrics);
    char *thumbnail = testutil_read_file(png, &size); /* PATH.prom -> PATH.png beside it */
    assert_non_null(thumbnail);
    assert_string_equal(thumbnail, "4x2 644\n");
    free(thumbnail);

    unlink(textfile);
    unlink(png);
    rmdir(dir);
    config_destroy(config);
}

static void no_textfile_no_thread(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_non_null(config);
    struct fake f = {0};
    struct healthwriter_wiring wiring = {read_frames, read_cache, clear_cache, write_png, finish, &f};
    assert_null(healthwriter_start(config, &wiring));
    healthwriter_stop(NULL);
    assert_int_equal(f.frame_reads, 0);
    config_destroy(config);
}

static void thumbnail_path_beside_the_metrics_or_as_set(void **state)
{
    (void)state;
    struct config *config = config_create();
    assert_non_null(config);
    char why[256];
    assert_true(config_set(config, "health", "textfile", "/var/lib/x.d/ticker.prom", "test", why, sizeof why));
    char *path = healthwriter_thumbnail_path(config);
    assert_string_equal(path, "/var/lib/x.d/ticker.png");
    free(path);
    assert_true(config_set(config, "health", "textfile", "/var/lib/x.d/ticker", "test", why, sizeof why));
    path = healthwriter_thumbnail_path(config);
    assert_string_equal(path, "/var/lib/x.d/ticker.png"); /* the folder's dot is not the file's */
    free(path);
    assert_true(config_set(config, "health", "thumbnail", "/srv/shot.png", "test", why, sizeof why));
    path = healthwriter_thumbnail_path(config);
    assert_string_equal(path, "/srv/shot.png");
    free(path);
    config_destroy(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_what_the_callbacks_hand_over),
        cmocka_unit_test(no_textfile_no_thread),
        cmocka_unit_test(thumbnail_path_beside_the_metrics_or_as_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
