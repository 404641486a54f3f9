/* safeopen: a file inside a folder (a USB stick) is opened, a link or ".."
 * out of it is refused, a FIFO or a device never blocks the caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/safeopen.h"

struct tree {
    char top[64];      /* holds stick/ and outside files */
    char stick[96];    /* the root folder */
    char reason[512];
};

static int setup(void **state)
{
    struct tree *t = calloc(1, sizeof *t);
    snprintf(t->top, sizeof t->top, "/tmp/ticker-test-safeopen-XXXXXX");
    if (!mkdtemp(t->top))
        return -1;
    snprintf(t->stick, sizeof t->stick, "%s/stick", t->top);
    if (mkdir(t->stick, 0755) != 0)
        return -1;
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    struct tree *t = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", t->top);
    int rc = system(command);
    free(t);
    return rc == 0 ? 0 : -1;
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void link_in(const char *dir, const char *name, const char *target)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

/* What reading name inside the stick gives: its first line, or "" and the reason. */
static const char *read_in(struct tree *t, const char *name)
{
    static char text[256];
    struct stat st;
    t->reason[0] = text[0] = '\0';
    int fd = safeopen_in(t->stick, name, &st, t->reason, sizeof t->reason);
    if (fd < 0)
        return "";
    ssize_t n = read(fd, text, sizeof text - 1);
    text[n > 0 ? n : 0] = '\0';
    text[strcspn(text, "\n")] = '\0';
    assert_true(S_ISREG(st.st_mode));
    assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);
    return text;
}

static void files_and_links_inside_the_folder_are_read(void **state)
{
    struct tree *t = *state;
    put(t->stick, "news.rss", "tin tức\n");
    char sub[160];
    snprintf(sub, sizeof sub, "%s/anh", t->stick);
    assert_int_equal(mkdir(sub, 0755), 0);
    put(sub, "photo.jpg", "ảnh\n");
    link_in(t->stick, "latest.rss", "news.rss");   /* a link to a file beside it */
    link_in(t->stick, "pictures", "anh");          /* a link to a folder of the stick */
    assert_string_equal(read_in(t, "news.rss"), "tin tức");
    assert_string_equal(read_in(t, "latest.rss"), "tin tức");
    assert_string_equal(read_in(t, "anh/photo.jpg"), "ảnh");
    assert_string_equal(read_in(t, "pictures/photo.jpg"), "ảnh");
    assert_string_equal(read_in(t, "anh/../news.rss"), "tin tức"); /* ".." that stays inside */
    char absolute[256];
    snprintf(absolute, sizeof absolute, "%s/news.rss", t->stick);
    assert_string_equal(read_in(t, absolute), "tin tức");
    /* Without a folder: any regular file the operator named. */
    struct stat st;
    int fd = safeopen_in(NULL, absolute, &st, t->reason, sizeof t->reason);
    assert_true(fd >= 0);
    close(fd);
}

static void links_and_dots_out_of_the_folder_are_refused(void **state)
{
    struct tree *t = *state;
    put(t->top, "ticker.ini", "[remote]\npassword = s3cret\n"); /* beside the stick, not in it */
    link_in(t->stick, "passwd.txt", "/etc/passwd");
    link_in(t->stick, "creds.txt", "../ticker.ini");
    link_in(t->stick, "etc", "/etc");
    link_in(t->stick, "hop", "creds.txt"); /* a link inside that ends outside */
    const char *names[] = {"passwd.txt", "creds.txt", "etc/passwd", "hop", "../ticker.ini", "/etc/passwd"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        assert_string_equal(read_in(t, names[i]), "");
        if (!strstr(t->reason, "leading out of its folder"))
            fail_msg("%s: %s", names[i], t->reason);
    }
    /* The stick's folder itself is no file of it either. */
    assert_string_equal(read_in(t, "."), "");
    assert_string_equal(read_in(t, "missing.rss"), "");
    assert_non_null(strstr(t->reason, "No such file"));
    link_in(t->stick, "dangling.rss", "nowhere.rss");
    assert_string_equal(read_in(t, "dangling.rss"), "");
    assert_non_null(strstr(t->reason, "a symbolic link to nothing"));
}

struct call {
    struct tree *tree;
    const char *name;
    int fd;
    atomic_bool returned;
};

static void *open_on_thread(void *arg)
{
    struct call *c = arg;
    struct stat st;
    c->fd = safeopen_in(c->tree->stick, c->name, &st, c->tree->reason, sizeof c->tree->reason);
    atomic_store(&c->returned, true);
    return NULL;
}

/* A FIFO with no writer would hold an open() for ever: on a thread, so a
 * hang fails the test instead of stalling it. */
static void a_fifo_or_device_never_blocks(void **state)
{
    struct tree *t = *state;
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/photo.jpg", t->stick);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    link_in(t->stick, "pipe-link.jpg", "photo.jpg");
    const char *names[] = {"photo.jpg", "pipe-link.jpg"};
    for (size_t i = 0; i < 2; i++) {
        struct call c = {.tree = t, .name = names[i]};
        atomic_init(&c.returned, false);
        pthread_t thread;
        assert_int_equal(pthread_create(&thread, NULL, open_on_thread, &c), 0);
        for (int waited = 0; !atomic_load(&c.returned) && waited < 100; waited++)
            nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
        if (!atomic_load(&c.returned))
            fail_msg("safeopen_in(%s) still waits on the FIFO after 5 s", names[i]);
        pthread_join(thread, NULL);
        assert_int_equal(c.fd, -1);
        assert_non_null(strstr(t->reason, "a FIFO (named pipe), not a regular file"));
    }
    struct stat st;
    assert_int_equal(safeopen_in(NULL, "/dev/zero", &st, t->reason, sizeof t->reason), -1);
    assert_non_null(strstr(t->reason, "a character device, not a regular file"));
}

static void containment_is_by_whole_components(void **state)
{
    (void)state;
    assert_true(safeopen_contains("/media/usb", "/media/usb/a.rss"));
    assert_true(safeopen_contains("/media/usb/", "/media/usb/a.rss"));
    assert_false(safeopen_contains("/media/usb", "/media/usb2/a.rss"));
    assert_false(safeopen_contains("/media/usb", "/media/usb"));
    assert_false(safeopen_contains("/media/usb", "/media"));
    assert_true(safeopen_contains("/", "/etc/passwd"));
    assert_false(safeopen_contains("/", "/"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(files_and_links_inside_the_folder_are_read, setup, teardown),
        cmocka_unit_test_setup_teardown(links_and_dots_out_of_the_folder_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_fifo_or_device_never_blocks, setup, teardown),
        cmocka_unit_test(containment_is_by_whole_components),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
