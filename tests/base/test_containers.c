/* base's small containers: array (ARRAY_GROW, ARRAY_RESIZE), strbuf, clocks
 * and paths, on the cases their callers rely on: growth keeps the elements,
 * a failed append marks the buffer and loses nothing before it, a cap is a
 * cap, a path that does not fit is refused rather than cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/clocks.h"
#include "base/limits.h"
#include "base/paths.h"
#include "base/strbuf.h"

static void array_grows_by_doubling_and_keeps_elements(void **state)
{
    (void)state;
    int *values = NULL;
    size_t count = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_true(ARRAY_GROW(values, cap, count + 1, 16));
        values[count++] = i * 3;
    }
    assert_int_equal(cap, 1024); /* 16, 32, ..., 1024 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(values[i], i * 3);
    assert_true(ARRAY_GROW(values, cap, 10, 16)); /* no shrink, no move */
    assert_int_equal(cap, 1024);
    size_t huge = SIZE_MAX / 2;
    int *before = values;
    assert_false(ARRAY_GROW(values, cap, huge, 16)); /* overflow: refused, array unchanged */
    assert_ptr_equal(values, before);
    assert_int_equal(cap, 1024);
    free(values);
}

static void array_resize_is_exact_and_refuses_overflow(void **state)
{
    (void)state;
    struct pair {
        long a, b;
    } *pairs = NULL;
    for (size_t n = 1; n <= 5; n++) {
        assert_true(ARRAY_RESIZE(pairs, n));
        pairs[n - 1] = (struct pair){(long)n, -(long)n};
    }
    assert_int_equal(pairs[4].b, -5);
    assert_int_equal(pairs[0].a, 1);
    assert_false(ARRAY_RESIZE(pairs, SIZE_MAX / 4));
    assert_int_equal(pairs[2].a, 3);
    free(pairs);
}

static void strbuf_appends_and_formats(void **state)
{
    (void)state;
    struct strbuf b = STRBUF_INIT;
    strbuf_adds(&b, "Tin ");
    strbuf_addf(&b, "%d mục, %s", 12, "Hà Nội");
    strbuf_addc(&b, '.');
    assert_int_equal(b.len, strlen("Tin 12 mục, Hà Nội."));
    char *long_text = malloc(5000);
    memset(long_text, 'x', 4999);
    long_text[4999] = '\0';
    strbuf_addf(&b, "[%s]", long_text); /* longer than the format's first try */
    assert_int_equal(b.len, strlen("Tin 12 mục, Hà Nội.") + 5001);
    char *s = strbuf_finish(&b);
    assert_non_null(s);
    assert_memory_equal(s, "Tin 12 mục, Hà Nội.[xxx", 26);
    assert_int_equal(s[strlen(s) - 1], ']');
    assert_null(b.data); /* handed over */
    free(s);
    free(long_text);
    s = strbuf_finish(&b); /* nothing appended: an empty string, not NULL */
    assert_string_equal(s, "");
    free(s);
}

static void strbuf_cap_marks_failed_and_finish_gives_null(void **state)
{
    (void)state;
    struct strbuf b = STRBUF_INIT;
    b.max = 8;
    strbuf_adds(&b, "12345678");
    assert_false(b.failed);
    strbuf_adds(&b, "9");
    assert_true(b.failed);
    strbuf_adds(&b, "more"); /* ignored once failed */
    assert_int_equal(b.len, 8);
    assert_null(strbuf_finish(&b));
    assert_int_equal(b.max, 8); /* the cap stays for the next use */
    strbuf_adds(&b, "ok");
    char *s = strbuf_finish(&b);
    assert_string_equal(s, "ok");
    free(s);
}

static void clocks_move_forward_and_convert(void **state)
{
    (void)state;
    double a = clocks_monotonic_seconds();
    struct timespec d = clocks_deadline_in(1.25);
    double deadline = (double)d.tv_sec + (double)d.tv_nsec / 1e9;
    assert_true(deadline - a >= 1.25 && deadline - a < 2.0);
    assert_true(d.tv_nsec >= 0 && d.tv_nsec < 1000000000L);
    struct timespec t = clocks_timespec(12.5);
    assert_int_equal(t.tv_sec, 12);
    assert_int_equal(t.tv_nsec, 500000000L);
    assert_true(clocks_monotonic_whole_seconds() >= (int64_t)a);
    uint64_t ms = clocks_monotonic_ms();
    assert_true(ms >= (uint64_t)(a * 1000) && ms < (uint64_t)(a * 1000) + 60000);
}

static void paths_join_refuses_what_does_not_fit(void **state)
{
    (void)state;
    char out[16];
    assert_true(path_join(out, sizeof out, "/var/lib", "x.db"));
    assert_string_equal(out, "/var/lib/x.db");
    assert_false(path_join(out, sizeof out, "/var/lib/ticker", "cache.db"));
    char parent[TICKER_PATH_MAX];
    assert_true(path_parent("/var/lib/ticker/cache.db", parent, sizeof parent, false));
    assert_string_equal(parent, "/var/lib/ticker");
    assert_true(path_parent("/cache.db", parent, sizeof parent, false));
    assert_string_equal(parent, "/");
    assert_false(path_parent("cache.db", parent, sizeof parent, false));
    assert_true(path_parent("cache.db", parent, sizeof parent, true));
    assert_string_equal(parent, ".");
}

static void paths_make_dirs_makes_every_level(void **state)
{
    (void)state;
    char root[] = "/tmp/ticker-paths-XXXXXX";
    assert_non_null(mkdtemp(root));
    char deep[256];
    snprintf(deep, sizeof deep, "%s/a/b/c", root);
    assert_true(path_make_dirs(deep));
    assert_true(path_make_dirs(deep)); /* already there: fine */
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    char file[256];
    snprintf(file, sizeof file, "%s/a/file", root);
    FILE *f = fopen(file, "w");
    fclose(f);
    snprintf(deep, sizeof deep, "%s/a/file/sub", root);
    assert_false(path_make_dirs(deep)); /* a file in the way */
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

/* The cache's default folder and the preview's fallback: this user's own,
 * by the XDG rule; a relative $XDG_CACHE_HOME is ignored, as the spec says. */
static void paths_user_cache_dir_is_this_users(void **state)
{
    (void)state;
    char *xdg = getenv("XDG_CACHE_HOME") ? strdup(getenv("XDG_CACHE_HOME")) : NULL;
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char out[256], expect[64];
    setenv("XDG_CACHE_HOME", "/srv/xdg", 1);
    setenv("HOME", "/home/kiosk", 1);
    assert_true(path_user_cache_dir(out, sizeof out));
    assert_string_equal(out, "/srv/xdg/ticker");
    setenv("XDG_CACHE_HOME", "relative/xdg", 1);
    assert_true(path_user_cache_dir(out, sizeof out));
    assert_string_equal(out, "/home/kiosk/.cache/ticker");
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    assert_true(path_user_cache_dir(out, sizeof out));
    snprintf(expect, sizeof expect, "/tmp/ticker-cache-%ld", (long)getuid());
    assert_string_equal(out, expect);
    assert_false(path_user_cache_dir(out, 8)); /* does not fit */
    if (xdg)
        setenv("XDG_CACHE_HOME", xdg, 1);
    if (home)
        setenv("HOME", home, 1);
    free(xdg);
    free(home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(array_grows_by_doubling_and_keeps_elements),
        cmocka_unit_test(array_resize_is_exact_and_refuses_overflow),
        cmocka_unit_test(strbuf_appends_and_formats),
        cmocka_unit_test(strbuf_cap_marks_failed_and_finish_gives_null),
        cmocka_unit_test(clocks_move_forward_and_convert),
        cmocka_unit_test(paths_join_refuses_what_does_not_fit),
        cmocka_unit_test(paths_make_dirs_makes_every_level),
        cmocka_unit_test(paths_user_cache_dir_is_this_users),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
