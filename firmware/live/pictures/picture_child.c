/* Pictures decoded in a child process (see picture_child.h). */
#define _GNU_SOURCE /* posix_spawn_file_actions_addclosefrom_np */
#include "live/pictures/picture_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clocks.h"
#include "base/fdio.h"

#define REQUEST_MAGIC 0x54504431u /* "TPD1" */
#define ANSWER_MAGIC 0x54504441u
#define MAX_REQUEST_BYTES (256u << 20)
#define MAX_NAME_BYTES 4096u

struct request {
    uint32_t magic;
    int32_t box_w, box_h;
    uint32_t name_len;
    uint64_t size;
};

struct answer {
    uint32_t magic;
    int32_t ok;
    int32_t width, height;
    uint32_t err_len;
    uint64_t pixel_bytes;
};

struct picture_child {
    char *program;
    const atomic_bool *stop;
    pid_t pid;  /* 0: none running */
    int socket; /* the parent's end */
};

struct picture_child *picture_child_create(const char *program, const atomic_bool *stop)
{
    struct picture_child *c = calloc(1, sizeof *c);
    if (!c || !(c->program = strdup(program))) {
        free(c);
        return NULL;
    }
    c->stop = stop;
    c->socket = -1;
    return c;
}

/* How the child ended, in words, after it was reaped with status. */
static void describe_end(int status, char *out, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(out, size, "killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(out, size, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(out, size, "ended");
}

/* Kills (when kill_it) and reaps the child; its end in words into how. */
static void end_child(struct picture_child *c, bool kill_it, char *how, size_t how_size)
{
    if (c->socket >= 0)
        close(c->socket);
    c->socket = -1;
    if (!c->pid)
        return;
    if (kill_it)
        kill(c->pid, SIGKILL);
    int status = 0;
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
        ;
    c->pid = 0;
    if (how)
        describe_end(status, how, how_size);
}

void picture_child_destroy(struct picture_child *c)
{
    if (!c)
        return;
    /* The child ends at its socket's end of file; one stuck in a decode
     * is not waited for. */
    end_child(c, true, NULL, 0);
    free(c->program);
    free(c);
}

static bool start_child(struct picture_child *c, char *err, size_t err_size)
{
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        snprintf(err, err_size, "picture decoder: cannot make a socket pair: %s", strerror(errno));
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_adddup2(&actions, pair[1], 0);
    /* None of the kiosk's descriptors (the DRM device, sockets, the
     * cache); its standard error stays the kiosk's log. */
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {c->program, PICTURE_CHILD_ARGUMENT, NULL};
    extern char **environ;
    int failed = posix_spawn(&c->pid, c->program, &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(pair[1]);
    if (failed) {
        c->pid = 0;
        close(pair[0]);
        snprintf(err, err_size, "picture decoder: cannot run %s: %s", c->program, strerror(failed));
        return false;
    }
    c->socket = pair[0];
    fcntl(c->socket, F_SETFL, fcntl(c->socket, F_GETFL) | O_NONBLOCK);
    return true;
}

enum io { IO_DONE, IO_CLOSED, IO_LATE, IO_STOPPED };

/* Moves size bytes to (sending) or from the child, waiting on the socket
 * until the deadline, looking at the stop flag every 100 ms. */
static enum io transfer(struct picture_child *c, void *buf, size_t size, bool sending, double deadline)
{
    size_t done = 0;
    while (done < size) {
        if (c->stop && atomic_load(c->stop))
            return IO_STOPPED;
        if (clocks_monotonic_seconds() >= deadline)
            return IO_LATE;
        ssize_t n = sending ? send(c->socket, (char *)buf + done, size - done, MSG_NOSIGNAL)
                            : recv(c->socket, (char *)buf + done, size - done, 0);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return IO_CLOSED;
        struct pollfd p = {.fd = c->socket, .events = sending ? POLLOUT : POLLIN};
        poll(&p, 1, 100);
    }
    return IO_DONE;
}

static enum io send_request(struct picture_child *c, const void *bytes, size_t size, const char *name, int bw, int bh,
                            double deadline)
{
    size_t name_len = strlen(name) < MAX_NAME_BYTES ? strlen(name) : MAX_NAME_BYTES;
    struct request r = {REQUEST_MAGIC, bw, bh, (uint32_t)name_len, size};
    enum io io = transfer(c, &r, sizeof r, true, deadline);
    if (io == IO_DONE)
        io = transfer(c, (char *)name, name_len, true, deadline);
    if (io == IO_DONE)
        io = transfer(c, (void *)bytes, size, true, deadline);
    return io;
}

static enum io take_answer(struct picture_child *c, struct picture_pixels *out, bool *ok, char *err, size_t err_size,
                           double deadline)
{
    struct answer a;
    enum io io = transfer(c, &a, sizeof a, false, deadline);
    if (io != IO_DONE)
        return io;
    uint64_t expected = (uint64_t)(a.width > 0 ? a.width : 0) * (uint64_t)(a.height > 0 ? a.height : 0) * 4;
    if (a.magic != ANSWER_MAGIC || a.err_len >= 4096 || a.pixel_bytes != (a.ok ? expected : 0))
        return IO_CLOSED; /* not the child's protocol: treated as its death */
    char text[4096];
    io = transfer(c, text, a.err_len, false, deadline);
    text[io == IO_DONE ? a.err_len : 0] = '\0';
    if (io == IO_DONE && a.ok) {
        out->rgba = malloc(a.pixel_bytes ? a.pixel_bytes : 1);
        if (!out->rgba)
            return IO_CLOSED;
        io = transfer(c, out->rgba, a.pixel_bytes, false, deadline);
        out->width = a.width;
        out->height = a.height;
        out->pitch = (size_t)a.width * 4;
    }
    *ok = a.ok != 0;
    snprintf(err, err_size, "%s", text);
    return io;
}

enum picture_child_outcome picture_child_decode(struct picture_child *c, const void *bytes, size_t size,
                                                const char *name, int box_w, int box_h, struct picture_pixels *out,
                                                char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (!c->pid && !start_child(c, err, err_size))
        return PICTURE_CHILD_FAILED;
    double deadline = clocks_monotonic_seconds() + PICTURE_CHILD_TIME_LIMIT_SECONDS;
    bool ok = false;
    enum io io = send_request(c, bytes, size, name, box_w, box_h, deadline);
    if (io == IO_DONE)
        io = take_answer(c, out, &ok, err, err_size, deadline);
    if (io == IO_DONE)
        return ok ? PICTURE_CHILD_DECODED : PICTURE_CHILD_REFUSED;
    picture_pixels_clear(out);
    char how[128];
    end_child(c, true, how, sizeof how);
    if (io == IO_STOPPED)
        return PICTURE_CHILD_STOPPED;
    if (io == IO_LATE)
        snprintf(how, sizeof how, "still decoding after %d s, killed", PICTURE_CHILD_TIME_LIMIT_SECONDS);
    snprintf(err, err_size, "picture %s: the decoder died on it (%s)", name, how);
    return PICTURE_CHILD_DIED;
}

/* --- the child ------------------------------------------------------------------ */

/* Its own address-space limit, below what it inherits: a picture that
 * gets past the budget and still grows makes this process fail, not the
 * kiosk. */
#if defined(__SANITIZE_ADDRESS__)
#define TICKER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TICKER_ASAN 1
#endif
#endif

static void limit_address_space(void)
{
#ifdef TICKER_ASAN /* its shadow memory reserves terabytes of address space */
    return;
#endif
    struct rlimit r;
    rlim_t cap = (rlim_t)PICTURE_CHILD_MAX_ADDRESS_MB << 20;
    if (getrlimit(RLIMIT_AS, &r) == 0 && (r.rlim_cur == RLIM_INFINITY || r.rlim_cur > cap)) {
        r.rlim_cur = cap;
        setrlimit(RLIMIT_AS, &r);
    }
}

/* One request: read, decoded, answered. False when the parent is gone or
 * broke the protocol. */
static bool serve_one(const char *crash)
{
    struct request r;
    if (!fdio_read_all(0, &r, sizeof r) || r.magic != REQUEST_MAGIC || r.name_len > MAX_NAME_BYTES ||
        r.size > MAX_REQUEST_BYTES)
        return false;
    char name[MAX_NAME_BYTES + 1];
    char *bytes = malloc(r.size ? r.size : 1);
    bool ok = bytes && fdio_read_all(0, name, r.name_len) && fdio_read_all(0, bytes, r.size);
    if (!ok) {
        free(bytes);
        return false;
    }
    name[r.name_len] = '\0';
    if (crash && *crash && strstr(name, crash))
        raise(SIGSEGV);
    struct picture_pixels p;
    char err[768] = "";
    bool decoded = picture_decode(bytes, r.size, name, r.box_w, r.box_h, &p, err, sizeof err);
    free(bytes);
    size_t err_len = decoded ? 0 : strlen(err);
    struct answer a = {ANSWER_MAGIC, decoded, p.width, p.height, (uint32_t)err_len,
                       decoded ? (uint64_t)p.width * p.height * 4 : 0};
    ok = fdio_write_all(0, &a, sizeof a, true) && fdio_write_all(0, err, err_len, true) &&
         (!decoded || fdio_write_all(0, p.rgba, a.pixel_bytes, true));
    picture_pixels_clear(&p);
    return ok;
}

int picture_child_main(const char *argv0)
{
    signal(SIGPIPE, SIG_IGN);
    limit_address_space();
    char err[512];
    if (!picture_decode_init(argv0, err, sizeof err)) {
        fprintf(stderr, "ticker: picture decoder: %s\n", err);
        return 1;
    }
    const char *crash = getenv(PICTURE_CHILD_CRASH_ENV);
    while (serve_one(crash))
        ;
    picture_decode_shutdown();
    return 0;
}
