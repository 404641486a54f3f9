/* HDMI-CEC through a child process (see cecchild.h). */
#define _GNU_SOURCE /* posix_spawn_file_actions_addclosefrom_np */
#include "screen/display/cecchild.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clocks.h"

struct cecchild {
    char *program;
    int time_limit;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    bool joined;
    int request;                  /* -1 none, 0 standby, 1 on */
    bool finished;                /* outcome not taken yet */
    struct cecchild_outcome outcome;
};

/* The last non-empty line of text, trimmed, into out. */
static void last_line(const char *text, char *out, size_t size)
{
    size_t end = strlen(text);
    while (end && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
        end--;
    size_t start = end;
    while (start && text[start - 1] != '\n')
        start--;
    snprintf(out, size, "%.*s", (int)(end - start), text + start);
}

/* Reads the child's output until it closes it or the deadline passes;
 * keeps the last bytes that fit. Returns false at the deadline. */
static bool read_until_eof(int fd, double deadline, char *text, size_t size)
{
    size_t used = 0;
    for (;;) {
        double left = deadline - clocks_monotonic_seconds();
        if (left <= 0)
            return false;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, (int)(left * 1000) + 1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue; /* the deadline is checked above */
        char buf[512];
        size_t cap = size - 1; /* keep the end: the last line is what counts */
        ssize_t n = read(fd, buf, sizeof buf < cap ? sizeof buf : cap);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true;
        if (used + (size_t)n > cap) {
            size_t drop = used + (size_t)n - cap;
            memmove(text, text + drop, used - drop);
            used -= drop;
        }
        memcpy(text + used, buf, (size_t)n);
        used += (size_t)n;
        text[used] = '\0';
    }
}

/* Waits for the child until the deadline, then kills it; always reaps it. */
static int reap(pid_t pid, double deadline, bool *killed)
{
    int status = 0;
    *killed = false;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return status;
        if (clocks_monotonic_seconds() >= deadline) {
            kill(pid, SIGKILL);
            *killed = true;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return status;
        }
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

static void run_child(struct cecchild *c, bool on, struct cecchild_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->on = on;
    out->exit_status = -1;
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        snprintf(out->reason, sizeof out->reason, "cannot make a pipe: %s", strerror(errno));
        return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull >= 0)
        posix_spawn_file_actions_adddup2(&actions, devnull, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
    /* None of the kiosk's descriptors (the DRM device, sockets, the cache). */
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none); /* not the kiosk's blocked SIGHUP */
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {c->program, "cec", on ? "on" : "standby", NULL};
    extern char **environ;
    pid_t pid;
    int err = posix_spawn(&pid, c->program, &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (devnull >= 0)
        close(devnull);
    close(pipe_fds[1]);
    if (err != 0) {
        close(pipe_fds[0]);
        snprintf(out->reason, sizeof out->reason, "cannot run %s: %s", c->program, strerror(err));
        return;
    }
    double deadline = clocks_monotonic_seconds() + c->time_limit;
    char text[1024] = "";
    bool in_time = read_until_eof(pipe_fds[0], deadline, text, sizeof text);
    close(pipe_fds[0]);
    bool killed;
    int status = reap(pid, in_time ? deadline : 0, &killed);
    if (killed) {
        snprintf(out->reason, sizeof out->reason, "no answer within %d s (the child was killed)", c->time_limit);
        return;
    }
    char line[200];
    last_line(text, line, sizeof line);
    if (WIFEXITED(status)) {
        out->exit_status = WEXITSTATUS(status);
        out->worked = out->exit_status == 0;
        snprintf(out->reason, sizeof out->reason, "%s%sexit status %d", line, line[0] ? "; " : "",
                 out->exit_status);
    } else {
        snprintf(out->reason, sizeof out->reason, "%s%skilled by signal %d", line, line[0] ? "; " : "",
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
}

static void *cec_main(void *arg)
{
    struct cecchild *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->stop && c->request < 0)
            pthread_cond_wait(&c->wake, &c->lock);
        if (c->request < 0)
            break; /* stopping; a request made before the stop still runs */
        bool on = c->request == 1;
        c->request = -1;
        pthread_mutex_unlock(&c->lock);
        struct cecchild_outcome outcome;
        run_child(c, on, &outcome);
        pthread_mutex_lock(&c->lock);
        c->outcome = outcome;
        c->finished = true;
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct cecchild *cecchild_create(const char *program, int time_limit_seconds)
{
    struct cecchild *c = calloc(1, sizeof *c);
    if (!c || !(c->program = strdup(program))) {
        free(c);
        return NULL;
    }
    c->time_limit = time_limit_seconds;
    c->request = -1;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (pthread_create(&c->thread, NULL, cec_main, c) != 0) {
        pthread_cond_destroy(&c->wake);
        pthread_mutex_destroy(&c->lock);
        free(c->program);
        free(c);
        return NULL;
    }
    return c;
}

void cecchild_stop(struct cecchild *c)
{
    pthread_mutex_lock(&c->lock);
    bool joined = c->joined;
    c->stop = true;
    c->joined = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    if (!joined)
        pthread_join(c->thread, NULL);
}

void cecchild_destroy(struct cecchild *c)
{
    if (!c)
        return;
    cecchild_stop(c);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    free(c->program);
    free(c);
}

void cecchild_request(struct cecchild *c, bool on)
{
    pthread_mutex_lock(&c->lock);
    c->request = on;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
}

bool cecchild_take(struct cecchild *c, struct cecchild_outcome *out)
{
    pthread_mutex_lock(&c->lock);
    bool finished = c->finished;
    if (finished)
        *out = c->outcome;
    c->finished = false;
    pthread_mutex_unlock(&c->lock);
    return finished;
}
