/* HDMI-CEC in a child process: `ticker cec standby` run 30 times by one
 * process on this machine (no adapter: each child says so and exits with a
 * non-zero status, the parent goes on, every child reaped); children that
 * crash (a signal, status 255 as Debian 12's libcec 6.0.2 did) or hang (killed at
 * the time limit) end only themselves; and screenpower's order: a failed
 * CEC request falls back to DPMS / blanking at once, is said once, and CEC
 * is not tried again. Waits below only poll for a child to end (a deadline
 * of minutes ends a test that hangs); nothing is timed. */
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "screen/display/cecchild.h"
#include "screen/display/display.h"
#include "screen/display/screenpower.h"

static void pause_briefly(void)
{
    struct timespec t = {0, 20 * 1000 * 1000};
    nanosleep(&t, NULL);
}

static struct cecchild_outcome wait_outcome(struct cecchild *cec)
{
    struct cecchild_outcome out;
    for (int i = 0; i < 6000; i++) { /* two minutes at most: only a hung test gets there */
        if (cecchild_take(cec, &out))
            return out;
        pause_briefly();
    }
    fail_msg("no outcome from the child");
    return out;
}

static void no_zombies_left(void)
{
    errno = 0;
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
}

static void thirty_children_without_an_adapter_leave_the_parent_unaffected(void **unused)
{
    (void)unused;
    struct cecchild *cec = cecchild_create(TICKER_BINARY, CECCHILD_TIME_LIMIT_SECONDS);
    assert_non_null(cec);
    int by_status[256] = {0}, killed = 0;
    for (int i = 0; i < 30; i++) {
        cecchild_request(cec, i % 2 == 1);
        struct cecchild_outcome out = wait_outcome(cec);
        assert_false(out.worked);
        assert_int_equal(out.on, i % 2 == 1);
        if (out.exit_status >= 0)
            by_status[out.exit_status]++;
        else
            killed++;
        assert_non_null(strstr(out.reason, "no CEC adapter found")); /* the child's own line, read through the pipe */
    }
    printf("{\"cec_children\": 30, \"exit_3\": %d, \"exit_255\": %d, \"other\": %d}\n", by_status[3], by_status[255],
           30 - by_status[3] - by_status[255]);
    assert_int_equal(by_status[3] + by_status[255] + killed, 30);
    cecchild_destroy(cec);
    no_zombies_left();
}

/* A stand-in for the child, a shell script given as the program. */
static char *script(const char *dir, const char *name, const char *body)
{
    char *path = malloc(256);
    snprintf(path, 256, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    assert_int_equal(chmod(path, 0755), 0);
    return path;
}

static void a_crashing_or_hanging_child_ends_only_itself(void **unused)
{
    (void)unused;
    char dir[] = "/tmp/ticker-cec-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *status_255 = script(dir, "exit255", "echo libcec shutting down; exit 255");
    char *segv = script(dir, "segv", "echo about to crash; kill -SEGV $$");
    char *hang = script(dir, "hang", "echo waiting for the adapter; exec sleep 600");
    char *ok = script(dir, "ok", "echo TV standby through /dev/ttyACM0; exit 0");

    struct cecchild *cec = cecchild_create(status_255, 5);
    cecchild_request(cec, false);
    struct cecchild_outcome out = wait_outcome(cec);
    assert_false(out.worked);
    assert_int_equal(out.exit_status, 255);
    assert_non_null(strstr(out.reason, "libcec shutting down; exit status 255"));
    cecchild_destroy(cec);

    cec = cecchild_create(segv, 5);
    cecchild_request(cec, false);
    out = wait_outcome(cec);
    assert_false(out.worked);
    assert_int_equal(out.exit_status, -1);
    assert_non_null(strstr(out.reason, "killed by signal 11"));
    cecchild_destroy(cec);

    cec = cecchild_create(hang, 1);
    cecchild_request(cec, true);
    out = wait_outcome(cec);
    assert_false(out.worked);
    assert_non_null(strstr(out.reason, "no answer within 1 s"));
    cecchild_destroy(cec);

    cec = cecchild_create(ok, 5);
    cecchild_request(cec, false);
    out = wait_outcome(cec);
    assert_true(out.worked);
    assert_string_equal(out.reason, "TV standby through /dev/ttyACM0; exit status 0");
    cecchild_destroy(cec);
    no_zombies_left();

    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
    free(status_255);
    free(segv);
    free(hang);
    free(ok);
}

static enum screenpower_result wait_settled(struct screenpower *power)
{
    enum screenpower_result r;
    for (int i = 0; i < 6000; i++) {
        if ((r = screenpower_poll(power)) != SCREENPOWER_PENDING)
            return r;
        pause_briefly();
    }
    fail_msg("CEC stayed pending");
    return r;
}

/* An offscreen display: no DPMS there, so the fallback ends in blanking. */
static void a_failed_cec_request_falls_back_at_once_and_is_not_tried_again(void **unused)
{
    (void)unused;
    struct config *config = config_create();
    char err[512];
    struct display *display = display_open(config, DISPLAY_OFFSCREEN, 320, 180, NULL, err, sizeof err);
    assert_non_null(display);

    struct screenpower *power = screenpower_create(display, TICKER_BINARY);
    assert_non_null(power);
    assert_int_equal(screenpower_poll(power), SCREENPOWER_NONE);
    assert_int_equal(screenpower_set(power, false), SCREENPOWER_PENDING); /* asked, never waited on */
    assert_int_equal(wait_settled(power), SCREENPOWER_BLANK);             /* no adapter: the fallback */
    assert_true(screenpower_cec_unavailable(power));
    assert_int_equal(screenpower_set(power, true), SCREENPOWER_BLANK);  /* on: no DPMS here, just draw */
    assert_int_equal(screenpower_set(power, false), SCREENPOWER_BLANK); /* given up: no child, no wait */
    assert_int_equal(screenpower_poll(power), SCREENPOWER_NONE);
    screenpower_destroy(power);

    power = screenpower_create(display, NULL); /* no CEC at all: as before, DPMS or blanking */
    assert_int_equal(screenpower_set(power, false), SCREENPOWER_BLANK);
    assert_false(screenpower_cec_unavailable(power));
    screenpower_destroy(power);
    display_close(display);
    config_destroy(config);
    no_zombies_left();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thirty_children_without_an_adapter_leave_the_parent_unaffected),
        cmocka_unit_test(a_crashing_or_hanging_child_ends_only_itself),
        cmocka_unit_test(a_failed_cec_request_falls_back_at_once_and_is_not_tried_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
