#include "live/pictures/picture_place.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/fdio.h"
#include "base/safeopen.h"
#include "ingest/source.h"

struct picture_places {
    char **folders; /* as configured: their real paths are taken at each read (a stick mounted later) */
    size_t count;
};

static bool add_folder(struct picture_places *p, const char *folder)
{
    if (!ARRAY_RESIZE(p->folders, p->count + 1))
        return false;
    return (p->folders[p->count] = strdup(folder)) && ++p->count;
}

/* A source file's folder is its directory; a folder is itself. */
static bool add_source(struct picture_places *p, const char *location)
{
    struct stat st;
    if (stat(location, &st) != 0 || S_ISDIR(st.st_mode))
        return add_folder(p, location);
    char *copy = strdup(location);
    if (!copy)
        return false;
    char *slash = strrchr(copy, '/');
    if (slash)
        *slash = '\0';
    bool ok = add_folder(p, slash ? (copy[0] ? copy : "/") : ".");
    free(copy);
    return ok;
}

struct picture_places *picture_places_create(const struct config *config)
{
    struct picture_places *p = calloc(1, sizeof *p);
    bool ok = p != NULL;
    for (size_t i = 0; ok && i < config->source_count; i++)
        if (!source_is_url(config->sources[i].location))
            ok = add_source(p, config->sources[i].location);
    if (ok && config->assets_dir && config->assets_dir[0])
        ok = add_folder(p, config->assets_dir);
    if (!ok) {
        picture_places_destroy(p);
        return NULL;
    }
    return p;
}

void picture_places_destroy(struct picture_places *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        free(p->folders[i]);
    free(p->folders);
    free(p);
}

/* The allowed folder real lies in (compared on real paths), or NULL. */
static const char *folder_of(const struct picture_places *p, const char *real)
{
    for (size_t i = 0; i < p->count; i++) {
        char folder[PATH_MAX];
        if (realpath(p->folders[i], folder) && (safeopen_contains(folder, real) || strcmp(folder, "/") == 0))
            return p->folders[i];
    }
    return NULL;
}

static char *read_fd(int fd, size_t size)
{
    char *buf = malloc(size ? size : 1);
    if (buf && !fdio_read_all(fd, buf, size)) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The folder boundary itself is base/safeopen's (one check for a source
 * folder's files and its pictures alike); the size is this module's. */
static int open_checked(const char *folder, const char *path, long cap, struct stat *st, char *reason,
                        size_t reason_size)
{
    int fd = safeopen_in(folder, path, st, reason, reason_size);
    if (fd < 0)
        return -1;
    if (st->st_size > cap)
        snprintf(reason, reason_size, "%lld bytes, over the cap of %ld", (long long)st->st_size, cap);
    else if (st->st_size == 0)
        snprintf(reason, reason_size, "empty file");
    else
        return fd;
    close(fd);
    return -1;
}

char *picture_places_read(struct picture_places *p, const char *ref, long cap, size_t *size, char *err,
                          size_t err_size)
{
    char reason[PATH_MAX + 256], real[PATH_MAX];
    const char *path = strncasecmp(ref, "file://", 7) == 0 ? ref + 7 : ref;
    char *bytes = NULL;
    const char *folder = NULL;
    struct stat st;
    int fd = -1;
    if (path[0] != '/')
        snprintf(reason, sizeof reason, "neither an http(s) URL nor an absolute path");
    else if (!realpath(path, real))
        snprintf(reason, sizeof reason, "cannot open it: %s", strerror(errno));
    else if (!(folder = folder_of(p, real)) && strcmp(real, path) == 0)
        snprintf(reason, sizeof reason, "outside the folders of the local sources: not read");
    else if (!folder)
        snprintf(reason, sizeof reason, "leads to %s, outside the folders of the local sources: not read", real);
    else if ((fd = open_checked(folder, path, cap, &st, reason, sizeof reason)) >= 0 &&
             !(bytes = read_fd(fd, (size_t)st.st_size)))
        snprintf(reason, sizeof reason, "read error");
    if (fd >= 0)
        close(fd);
    if (bytes)
        *size = (size_t)st.st_size;
    else
        snprintf(err, err_size, "picture %s: %s", ref, reason);
    return bytes;
}
