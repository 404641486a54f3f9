/* fdio: whole reads and writes through short counts (a pipe written a byte
 * at a time), the end of a file before the size, and a socket whose peer
 * went away (EPIPE, no SIGPIPE). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/fdio.h"

static void *dribble(void *arg)
{
    int fd = *(int *)arg;
    for (const char *p = "Hội đàm cấp cao"; *p; p++) {
        assert_int_equal(write(fd, p, 1), 1);
        usleep(1000);
    }
    close(fd);
    return NULL;
}

static void a_read_gathers_short_counts(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, dribble, &p[1]), 0);
    char buf[64] = "";
    size_t want = strlen("Hội đàm cấp cao");
    assert_true(fdio_read_all(p[0], buf, want));
    assert_string_equal(buf, "Hội đàm cấp cao");
    char more;
    assert_false(fdio_read_all(p[0], &more, 1)); /* the end of the pipe */
    assert_int_equal(errno, 0);
    pthread_join(t, NULL);
    close(p[0]);
}

static void a_write_to_a_gone_peer_fails_without_a_signal(void **state)
{
    (void)state;
    int s[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s), 0);
    assert_true(fdio_write_all(s[0], "abc", 3, true));
    char got[3];
    assert_true(fdio_read_all(s[1], got, 3));
    assert_memory_equal(got, "abc", 3);
    close(s[1]);
    static char big[1 << 20];
    assert_false(fdio_write_all(s[0], big, sizeof big, true)); /* SIGPIPE would end the test here */
    assert_int_equal(errno, EPIPE);
    close(s[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_read_gathers_short_counts),
        cmocka_unit_test(a_write_to_a_gone_peer_fails_without_a_signal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
