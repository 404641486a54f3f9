/* ops/fleet, ops/fleetguard, ops/minisig on real inputs: signatures made
 * by minisign 0.11 (tests/fixtures/fleet: its key, a fleet file signed
 * prehashed and legacy), the rules a fleet file cannot cross, and every
 * input fuzzing found (tests/fuzz/regressions/remote-*) judged in finite
 * time. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/config.h"
#include "ops/fleet.h"
#include "ops/fleetguard.h"
#include "ops/minisig.h"
#include "testutil.h"

#define FLEET_DIR FIXTURES_DIR "/fleet"
#define REGRESSIONS_DIR TICKER_SOURCE_DIR "/tests/fuzz/regressions"

static char *key(void)
{
    size_t size;
    char *pub = testutil_read_file(FLEET_DIR "/fleet.pub", &size);
    assert_non_null(pub);
    char *line = strchr(pub, '\n');
    assert_non_null(line);
    char *k = strdup(line + 1);
    k[strcspn(k, "\r\n")] = '\0';
    free(pub);
    return k;
}

static bool verify(const char *k, const char *message, size_t size, const char *sig_path, char *err)
{
    size_t sig_size;
    char *sig = testutil_read_file(sig_path, &sig_size);
    assert_non_null(sig);
    bool ok = minisig_verify(k, message, size, sig, sig_size, err, 256);
    free(sig);
    return ok;
}

static void minisign_signatures_verify_and_forgeries_do_not(void **state)
{
    (void)state;
    char *k = key(), err[256];
    size_t size;
    char *file = testutil_read_file(FLEET_DIR "/fleet.ini", &size);
    assert_true(minisig_key_valid(k, err, sizeof err));
    assert_true(verify(k, file, size, FLEET_DIR "/fleet.ini.minisig", err));
    assert_true(verify(k, file, size, FLEET_DIR "/fleet.ini.legacy.minisig", err));
    file[size - 2] ^= 1; /* one bit of the file */
    assert_false(verify(k, file, size, FLEET_DIR "/fleet.ini.minisig", err));
    assert_non_null(strstr(err, "does not match the file"));
    assert_false(verify(k, file, size, FLEET_DIR "/fleet.ini.legacy.minisig", err));
    file[size - 2] ^= 1;
    k[10] = k[10] == 'A' ? 'B' : 'A'; /* another key, the same id */
    assert_false(verify(k, file, size, FLEET_DIR "/fleet.ini.minisig", err));
    assert_false(minisig_verify("RWQ", file, size, "x", 1, err, sizeof err));
    assert_non_null(strstr(err, "not a minisign public key"));
    free(file);
    free(k);
}

static void only_https_unless_the_local_file_allows_http(void **state)
{
    (void)state;
    struct remote_config r = {.config_url = "https://fleet.example/kiosk.ini"};
    bool warn = true;
    char err[512];
    assert_true(fleetguard_url(&r, &warn, err, sizeof err));
    assert_false(warn);
    r.config_url = "http://fleet.example/kiosk.ini";
    assert_false(fleetguard_url(&r, &warn, err, sizeof err));
    assert_non_null(strstr(err, "allow_http"));
    r.allow_http = true;
    assert_true(fleetguard_url(&r, &warn, err, sizeof err));
    assert_true(warn);
    r.config_url = "file:///etc/ticker/fleet.ini";
    assert_false(fleetguard_url(&r, &warn, err, sizeof err));
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The judge over a local file that allows one folder. */
static struct config *judged(const char *fleet_text, char *err)
{
    char local[] = "/tmp/test_fleet_XXXXXX";
    assert_non_null(mkdtemp(local));
    char local_path[600], fleet_path[600], text[2048];
    snprintf(local_path, sizeof local_path, "%s/local.ini", local);
    snprintf(fleet_path, sizeof fleet_path, "%s/fleet.ini", local);
    snprintf(text, sizeof text, "[remote]\nconfig_url = https://fleet.example/k.ini\npaths = %s\n", FIXTURES_DIR);
    write_text(local_path, text);
    write_text(fleet_path, fleet_text);
    struct config *next = fleet_judge(local_path, fleet_path, NULL, 0, NULL, err, 1024);
    unlink(local_path);
    unlink(fleet_path);
    rmdir(local);
    return next;
}

static void a_fleet_file_stays_inside_what_the_local_file_allows(void **state)
{
    (void)state;
    char err[1024], text[1024];
    static const char *const refused[][2] = {
        {"[remote]\nconfig_url = https://evil.example/k.ini\n", "cannot be set by a fleet file"},
        {"[remote]\npaths = /\n", "cannot be set by a fleet file"},
        {"[fetch]\nca_file = /etc/ssl/evil.pem\n", "[fetch] ca_file"},
        {"[cache]\npath = /etc/ticker/cache.db\n", "[cache] path"},
        {"[health]\ntextfile = /root/.bashrc\n", "[health] textfile"},
        {"[display]\nfont = ../../../../../../etc/passwd\n", "[display] font"},
        {"[source s]\nlocation = /etc/shadow\n", "/etc/shadow"},
        {"[source s]\nlocation = file:///etc/shadow\n", "/etc/shadow"},
        {"[source s]\nlocation = " FIXTURES_DIR "/../../CMakeLists.txt\n", "outside them"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        struct config *next = judged(refused[i][0], err);
        if (next || !strstr(err, refused[i][1]))
            fail_msg("%s: accepted or not refused for %s: %s", refused[i][0], refused[i][1], err);
    }
    snprintf(text, sizeof text, "[source s]\nlocation = %s/vnexpress.rss\n[source w]\nlocation = https://x.example/\n",
             FIXTURES_DIR);
    struct config *next = judged(text, err);
    if (!next)
        fail_msg("refused: %s", err);
    assert_int_equal(next->source_count, 2);
    config_destroy(next);
}

static void every_fleet_file_fuzzing_found_is_judged(void **state)
{
    (void)state;
    DIR *dir = opendir(REGRESSIONS_DIR);
    assert_non_null(dir);
    int count = 0;
    for (struct dirent *entry; (entry = readdir(dir));) {
        if (strncmp(entry->d_name, "remote-", 7))
            continue;
        char path[1024], err[1024] = "";
        snprintf(path, sizeof path, "%s/%s", REGRESSIONS_DIR, entry->d_name);
        print_message("%s\n", entry->d_name);
        struct config *next = fleet_judge("", path, NULL, 0, NULL, err, sizeof err);
        assert_true(next || err[0]);
        config_destroy(next);
        count++;
    }
    closedir(dir);
    assert_true(count >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minisign_signatures_verify_and_forgeries_do_not),
        cmocka_unit_test(only_https_unless_the_local_file_allows_http),
        cmocka_unit_test(a_fleet_file_stays_inside_what_the_local_file_allows),
        cmocka_unit_test(every_fleet_file_fuzzing_found_is_judged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
