/* Regular files inside a folder, opened without following a link out of it
 * (see safeopen.h).  realpath + O_NOFOLLOW rather than openat2's
 * RESOLVE_BENEATH: openat2 needs Linux 5.6 and is refused by some seccomp
 * filters (containers, older Pi kernels), and the containment must hold on
 * every kiosk; the descriptor's own path is checked again after the open
 * (/proc/self/fd) so a folder swapped between the check and the open is
 * caught too where /proc is mounted. */
#include "base/safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/filekind.h"
#include "base/limits.h"
#include "base/log.h"

bool safeopen_contains(const char *root_real, const char *real)
{
    size_t n = strlen(root_real);
    while (n > 1 && root_real[n - 1] == '/')
        n--;
    if (n == 1 && root_real[0] == '/')
        return real[0] == '/' && real[1] != '\0';
    return strncmp(real, root_real, n) == 0 && real[n] == '/' && real[n + 1] != '\0';
}

/* root/path, or path when it is absolute. Caller frees; NULL on OOM. */
static char *join(const char *root, const char *path)
{
    if (!root || path[0] == '/')
        return strdup(path);
    size_t size = strlen(root) + strlen(path) + 2;
    char *full = malloc(size);
    if (full)
        snprintf(full, size, "%s/%s", root, path);
    return full;
}

/* The real path of the open descriptor, where /proc tells it: "" when not. */
static void descriptor_path(int fd, char *out, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, size - 1);
    out[n > 0 && (size_t)n < size - 1 ? n : 0] = '\0';
}

/* The real path of path, inside root_real when that is given; NULL with reason. */
static char *resolve_inside(const char *root_real, const char *full, char *reason, size_t reason_size)
{
    char *real = realpath(full, NULL);
    if (!real) {
        struct stat link;
        bool dangling = errno == ENOENT && lstat(full, &link) == 0 && S_ISLNK(link.st_mode);
        snprintf(reason, reason_size, "cannot open: %s%s", strerror(errno),
                 dangling ? " (a symbolic link to nothing)" : "");
        return NULL;
    }
    if (root_real && !safeopen_contains(root_real, real)) {
        snprintf(reason, reason_size,
                 "a symbolic link leading out of its folder (to %s): only files inside the folder are read", real);
        free(real);
        return NULL;
    }
    return real;
}

static int open_resolved(const char *root_real, const char *real, struct stat *st, char *reason, size_t reason_size)
{
    struct stat before;
    if (lstat(real, &before) != 0) {
        snprintf(reason, reason_size, "cannot look at it: %s", strerror(errno));
        return -1;
    }
    if (!S_ISREG(before.st_mode)) {
        snprintf(reason, reason_size, "%s, not a regular file: only regular files are read",
                 filekind_name(before.st_mode));
        return -1;
    }
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
    if (fd < 0) {
        snprintf(reason, reason_size, "cannot open: %s%s", strerror(errno),
                 errno == ELOOP ? " (it became a symbolic link while it was opened)" : "");
        return -1;
    }
    char now[TICKER_PATH_MAX];
    descriptor_path(fd, now, sizeof now);
    if (fstat(fd, st) != 0)
        snprintf(reason, reason_size, "cannot look at it: %s", strerror(errno));
    else if (!S_ISREG(st->st_mode))
        snprintf(reason, reason_size, "%s, not a regular file: only regular files are read",
                 filekind_name(st->st_mode));
    else if (root_real && now[0] && !safeopen_contains(root_real, now))
        snprintf(reason, reason_size, "its folder was changed while it was opened (now %s): not read", now);
    else
        return fd;
    close(fd);
    return -1;
}

int safeopen_in(const char *root, const char *path, struct stat *st, char *reason, size_t reason_size)
{
    char *root_real = NULL;
    if (root && !(root_real = realpath(root, NULL))) {
        snprintf(reason, reason_size, "cannot open its folder %s: %s", root, strerror(errno));
        return -1;
    }
    char *full = join(root, path);
    char *real = full ? resolve_inside(root_real, full, reason, reason_size) : NULL;
    if (!full)
        log_oom_reason(reason, reason_size, NULL);
    int fd = real ? open_resolved(root_real, real, st, reason, reason_size) : -1;
    free(real);
    free(full);
    free(root_real);
    return fd;
}
