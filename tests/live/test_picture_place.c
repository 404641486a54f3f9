/* Where local pictures may be read from (live/pictures/picture_place): inside a
 * local source's folder only, a regular file only — never through a
 * symbolic link or ".." out of it, never a FIFO (which blocked the picture
 * thread in fopen for ever before) or a device, never a relative path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "live/pictures/picture_place.h"

struct rig {
    char root[64];
    char source[128], outside[128];
    struct config *config;
    struct picture_places *places;
};

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    struct rig *r = calloc(1, sizeof *r);
    snprintf(r->root, sizeof r->root, "/tmp/ticker-place-XXXXXX");
    assert_non_null(mkdtemp(r->root));
    snprintf(r->source, sizeof r->source, "%s/stick", r->root);
    snprintf(r->outside, sizeof r->outside, "%s/elsewhere", r->root);
    mkdir(r->source, 0755);
    mkdir(r->outside, 0755);
    char path[256];
    snprintf(path, sizeof path, "%s/sub", r->source);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/photo.jpg", r->source);
    write_file(path, "inside");
    snprintf(path, sizeof path, "%s/sub/deeper.jpg", r->source);
    write_file(path, "deeper");
    snprintf(path, sizeof path, "%s/secret.jpg", r->outside);
    write_file(path, "secret");
    char target[256];
    snprintf(target, sizeof target, "%s/secret.jpg", r->outside);
    snprintf(path, sizeof path, "%s/link.jpg", r->source);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/zero.jpg", r->source);
    assert_int_equal(symlink("/dev/zero", path), 0);
    snprintf(path, sizeof path, "%s/fifo.jpg", r->source);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/inner", r->source); /* a link that stays inside is fine */
    assert_int_equal(symlink("sub", path), 0);
    r->config = config_create();
    assert_true(config_add_source(r->config, r->source, 0));
    assert_true(config_add_source(r->config, "https://example.vn/rss", 0));
    r->places = picture_places_create(r->config);
    assert_non_null(r->places);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    struct rig *r = *state;
    picture_places_destroy(r->places);
    config_destroy(r->config);
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", r->root);
    assert_int_equal(system(command), 0);
    free(r);
    return 0;
}

static void readable(struct rig *r, const char *ref, const char *expected)
{
    char err[4200] = "";
    size_t size = 0;
    char *bytes = picture_places_read(r->places, ref, 1 << 20, &size, err, sizeof err);
    printf("%s: %s\n", ref, bytes ? "read" : err);
    assert_non_null(bytes);
    assert_int_equal(size, strlen(expected));
    assert_memory_equal(bytes, expected, size);
    free(bytes);
}

static void refused(struct rig *r, const char *ref, const char *why)
{
    char err[4200] = "";
    size_t size = 0;
    char *bytes = picture_places_read(r->places, ref, 1 << 20, &size, err, sizeof err);
    printf("%s: %s\n", ref, bytes ? "READ" : err);
    assert_null(bytes);
    assert_non_null(strstr(err, ref));
    assert_non_null(strstr(err, why));
}

static void pictures_inside_the_source_folder_are_read(void **state)
{
    struct rig *r = *state;
    char ref[300];
    snprintf(ref, sizeof ref, "%s/photo.jpg", r->source);
    readable(r, ref, "inside");
    snprintf(ref, sizeof ref, "file://%s/sub/deeper.jpg", r->source);
    readable(r, ref, "deeper");
    snprintf(ref, sizeof ref, "%s/inner/deeper.jpg", r->source);
    readable(r, ref, "deeper");
    snprintf(ref, sizeof ref, "%s/sub/../photo.jpg", r->source);
    readable(r, ref, "inside");
}

static void nothing_outside_it_is_read(void **state)
{
    struct rig *r = *state;
    char ref[300];
    snprintf(ref, sizeof ref, "%s/link.jpg", r->source); /* a symbolic link out of the folder */
    refused(r, ref, "outside the folders of the local sources");
    snprintf(ref, sizeof ref, "%s/../elsewhere/secret.jpg", r->source);
    refused(r, ref, "outside the folders of the local sources");
    snprintf(ref, sizeof ref, "%s/secret.jpg", r->outside);
    refused(r, ref, "outside the folders of the local sources");
    refused(r, "/etc/passwd", "outside the folders of the local sources");
    refused(r, "file:///etc/passwd", "outside the folders of the local sources");
    snprintf(ref, sizeof ref, "%s/zero.jpg", r->source); /* a device, through a link */
    refused(r, ref, "outside the folders of the local sources");
    refused(r, "photo.jpg", "neither an http(s) URL nor an absolute path");
}

/* Before, fopen on a FIFO waited for a writer for ever: the picture thread,
 * and with it --duration and SIGTERM, never ended. */
static void a_fifo_is_refused_without_waiting(void **state)
{
    struct rig *r = *state;
    char ref[300];
    snprintf(ref, sizeof ref, "%s/fifo.jpg", r->source);
    alarm(20); /* a hang fails the test instead of holding the suite */
    refused(r, ref, "a FIFO (named pipe), not a regular file");
    alarm(0);
    snprintf(ref, sizeof ref, "%s/sub", r->source);
    refused(r, ref, "a folder, not a regular file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pictures_inside_the_source_folder_are_read, setup, teardown),
        cmocka_unit_test_setup_teardown(nothing_outside_it_is_read, setup, teardown),
        cmocka_unit_test_setup_teardown(a_fifo_is_refused_without_waiting, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
