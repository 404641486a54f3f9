/* Power cuts: a child process runs fetch-and-write cycles against the local
 * feed server (every response brings new items) and is killed with SIGKILL
 * at a random moment, again and again. After each kill the cache must open
 * without being taken for corrupt, pass PRAGMA integrity_check, hold every
 * item of every cycle the child logged as committed, and hold each server
 * response either whole or not at all. The child logs a cycle only after
 * its commit returned, so a commit that was not durable or not atomic fails
 * the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "live/cache/cache.h"
#include "feedserver_client.h"
#include "live/fetch/fetch.h"
#include "live/http/http.h"
#include "testutil.h"
#include "tsvfeed.h"

#define KILLS 60
#define ITEMS_PER_RESPONSE 20

static struct feedserver server;

static struct config *make_config(const char *cache_path)
{
    struct config *config = config_create();
    char url[256];
    const char *names[] = {"alpha", "beta", "gamma"};
    for (int i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "/changing?fmt=tsv&name=%s&items=%d", names[i], ITEMS_PER_RESPONSE);
        feedserver_url(&server, path, url, sizeof url);
        config_add_source(config, url, 0);
    }
    config->cache.max_items = 1000000;
    config->fetch.total_timeout_seconds = 5;
    free(config->cache.path);
    config->cache.path = strdup(cache_path);
    return config;
}

/* The child: restart (open the cache), then cycle until killed. Each
 * committed cycle appends one line "ok id id id ...\n" with one write(2). */
static void run_child(const char *cache_path, const char *log_path)
{
    struct config *config = make_config(cache_path);
    struct cache *cache = cache_open(cache_path);
    struct fetch_hooks hooks = {.parse = tsvfeed_parse, .load_local = tsvfeed_load};
    struct fetch *fetch = fetch_create(config, cache, &hooks);
    int log = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (!fetch || log < 0)
        _exit(3);
    size_t cap = 1 << 16;
    char *line = malloc(cap);
    for (;;) {
        tsvfeed_record = item_list_create();
        struct fetch_cycle_report report;
        bool ok = fetch_cycle(fetch, (int64_t)time(NULL), true, &report);
        if (ok && report.committed) {
            size_t len = (size_t)snprintf(line, cap, "ok");
            for (size_t i = 0; i < tsvfeed_record->count && len + 64 < cap; i++)
                len += (size_t)snprintf(line + len, cap - len, " %s", tsvfeed_record->items[i].id);
            line[len++] = '\n';
            if (write(log, line, len) != (ssize_t)len)
                _exit(4);
        }
        item_list_destroy(tsvfeed_record);
    }
}

static size_t logged_lines(const char *log_path)
{
    size_t size = 0, lines = 0;
    char *text = testutil_read_file(log_path, &size);
    for (size_t i = 0; text && i < size; i++)
        lines += text[i] == '\n';
    free(text);
    return lines;
}

static int count_corrupt_files(const char *dir_path)
{
    DIR *dir = opendir(dir_path);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)))
        n += strstr(e->d_name, ".corrupt-") != NULL;
    closedir(dir);
    return n;
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The cache's items, read once per kill, and their ids sorted (pointing
 * into items) for both checks below. */
struct cached_ids {
    struct item_list *items;
    const char **ids;
    size_t count;
};

static void cached_ids_load(struct cache *cache, struct cached_ids *out)
{
    char err[256];
    out->items = cache_items(cache, err, sizeof err);
    if (!out->items)
        fail_msg("%s", err);
    out->count = out->items->count;
    out->ids = malloc((out->count + 1) * sizeof *out->ids);
    assert_non_null(out->ids);
    for (size_t i = 0; i < out->count; i++)
        out->ids[i] = out->items->items[i].id;
    qsort(out->ids, out->count, sizeof *out->ids, compare_ids);
}

static void cached_ids_clear(struct cached_ids *cached)
{
    free(cached->ids);
    item_list_destroy(cached->items);
}

/* Every id of every complete logged line is in the cache. */
static size_t check_logged_ids(const struct cached_ids *cached, const char *log_path, size_t *cycles)
{
    size_t size = 0;
    char *text = testutil_read_file(log_path, &size);
    if (!text)
        return 0;
    size_t checked = 0;
    *cycles = 0;
    char *save = NULL;
    /* Only lines ended by '\n' were written whole. */
    char *last_newline = strrchr(text, '\n');
    if (last_newline)
        last_newline[1] = '\0';
    else
        text[0] = '\0';
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        (*cycles)++;
        char *inner = NULL;
        for (char *id = strtok_r(line, " ", &inner); id; id = strtok_r(NULL, " ", &inner)) {
            if (strcmp(id, "ok") == 0)
                continue;
            if (!bsearch(&id, cached->ids, cached->count, sizeof *cached->ids, compare_ids))
                fail_msg("committed item %s is missing after a power cut", id);
            checked++;
        }
    }
    free(text);
    return checked;
}

/* Each server response ("name-sSEQ-K") is in the cache whole or not at
 * all: sorted, the ids of one response are neighbours ('-' sorts before
 * the digits), so each run of one prefix must be ITEMS_PER_RESPONSE long. */
static void check_responses_whole(const struct cached_ids *cached)
{
    const char *const *ids = cached->ids;
    size_t count = cached->count;
    for (size_t i = 0; i < count;) {
        size_t prefix = (size_t)(strrchr(ids[i], '-') - ids[i]) + 1, run = 0;
        while (i + run < count && strncmp(ids[i + run], ids[i], prefix) == 0 &&
               !strchr(ids[i + run] + prefix, '-'))
            run++;
        if (run != ITEMS_PER_RESPONSE)
            fail_msg("response %.*s is in the cache with %zu of %d items", (int)prefix, ids[i], run,
                     ITEMS_PER_RESPONSE);
        i += run;
    }
}

static void sigkill_at_random_moments_never_loses_a_committed_cycle(void **unused)
{
    (void)unused;
    char dir[64] = "/tmp/ticker-powercut-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char db_path[128], log_path[128];
    snprintf(db_path, sizeof db_path, "%s/cache.db", dir);
    snprintf(log_path, sizeof log_path, "%s/committed.log", dir);
    unsigned int seed = (unsigned int)time(NULL);
    print_message("seed %u\n", seed);
    size_t cycles = 0, checked = 0, expected_cycles = 0;
    for (int kill_no = 0; kill_no < KILLS; kill_no++) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            run_child(db_path, log_path);
        /* Let it commit 0..3 more cycles (so the kills land among real
         * commits however fast the machine), then kill it 0..40 ms later:
         * while opening, fetching, writing or committing. */
        size_t wanted = logged_lines(log_path) + (size_t)(rand_r(&seed) % 4);
        expected_cycles = wanted;
        for (int waited = 0; logged_lines(log_path) < wanted; waited++) {
            if (waited > 60000)
                fail_msg("the child committed nothing for a minute");
            usleep(1000);
        }
        usleep((useconds_t)(rand_r(&seed) % 40000));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        struct cache *cache = cache_open(db_path);
        assert_non_null(cache);
        assert_string_equal(cache_path(cache), db_path);
        assert_int_equal(count_corrupt_files(dir), 0); /* a crash is never taken for corruption */
        char err[1024];
        if (!cache_integrity_ok(cache, err, sizeof err))
            fail_msg("after kill %d: %s", kill_no, err);
        struct cached_ids cached;
        cached_ids_load(cache, &cached);
        checked = check_logged_ids(&cached, log_path, &cycles);
        check_responses_whole(&cached);
        cached_ids_clear(&cached);
        cache_close(cache);
    }
    print_message("%d kills, %zu committed cycles logged, %zu committed items all present\n", KILLS, cycles, checked);
    assert_true(cycles >= expected_cycles); /* the kills did land among real commits */
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
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
        cmocka_unit_test(sigkill_at_random_moments_never_loses_a_committed_cycle),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
