#include "live/imagecache.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"

struct entry {
    char name[17]; /* 16 hex digits */
    size_t size;
    double used;   /* recency: the file's mtime at open, then a counter above it */
};

struct imagecache {
    char *dir;
    size_t cap, bytes;
    struct entry *entries;
    size_t count, capacity;
    double clock; /* the next recency stamp */
};

static void url_name(const char *url, char out[17])
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: a file name, not a security boundary */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static bool push(struct imagecache *c, const char *name, size_t size, double used)
{
    if (c->count == c->capacity) {
        size_t cap = c->capacity ? c->capacity * 2 : 64;
        struct entry *grown = realloc(c->entries, cap * sizeof *grown);
        if (!grown)
            return false;
        c->entries = grown;
        c->capacity = cap;
    }
    struct entry *e = &c->entries[c->count++];
    snprintf(e->name, sizeof e->name, "%s", name);
    e->size = size;
    e->used = used;
    c->bytes += size;
    if (used >= c->clock)
        c->clock = used + 1;
    return true;
}

static void make_dirs(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    mkdir(buf, 0755);
}

struct imagecache *imagecache_open(const char *dir, size_t cap_bytes, char *err, size_t err_size)
{
    make_dirs(dir);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_size, "picture cache %s: %s", dir, strerror(errno));
        return NULL;
    }
    struct imagecache *c = calloc(1, sizeof *c);
    if (!c || !(c->dir = strdup(dir))) {
        free(c);
        closedir(d);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    c->cap = cap_bytes;
    struct dirent *de;
    while ((de = readdir(d))) {
        char path[4200];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (strlen(de->d_name) == 16 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            push(c, de->d_name, (size_t)st.st_size, (double)st.st_mtime);
        else if (strncmp(de->d_name, ".tmp-", 5) == 0)
            unlink(path); /* a write a power cut interrupted */
    }
    closedir(d);
    return c;
}

void imagecache_close(struct imagecache *c)
{
    if (!c)
        return;
    free(c->entries);
    free(c->dir);
    free(c);
}

static struct entry *find(struct imagecache *c, const char *name)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->entries[i].name, name) == 0)
            return &c->entries[i];
    return NULL;
}

char *imagecache_get(struct imagecache *c, const char *url, size_t *size)
{
    char name[17], path[4200];
    url_name(url, name);
    struct entry *e = find(c, name);
    if (!e)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(e->size ? e->size : 1) : NULL;
    if (buf && fread(buf, 1, e->size, f) != e->size) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    if (!buf)
        return NULL;
    e->used = c->clock++;
    *size = e->size;
    return buf;
}

static void evict(struct imagecache *c, const char *keep)
{
    while (c->bytes > c->cap && c->count > 1) {
        size_t oldest = SIZE_MAX;
        for (size_t i = 0; i < c->count; i++)
            if (strcmp(c->entries[i].name, keep) != 0 && (oldest == SIZE_MAX || c->entries[i].used < c->entries[oldest].used))
                oldest = i;
        if (oldest == SIZE_MAX)
            return;
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", c->dir, c->entries[oldest].name);
        unlink(path);
        c->bytes -= c->entries[oldest].size;
        c->entries[oldest] = c->entries[--c->count];
    }
}

bool imagecache_put(struct imagecache *c, const char *url, const void *bytes, size_t size, char *err, size_t err_size)
{
    char name[17], path[4200], tmp[4200];
    url_name(url, name);
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    snprintf(tmp, sizeof tmp, "%s/.tmp-%s", c->dir, name);
    FILE *f = fopen(tmp, "wb");
    bool ok = f && fwrite(bytes, 1, size, f) == size;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, err_size, "picture cache %s: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    struct entry *e = find(c, name);
    if (e) {
        c->bytes -= e->size;
        e->size = size;
        c->bytes += size;
        e->used = c->clock++;
    } else if (!push(c, name, size, c->clock)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    evict(c, name);
    return true;
}

size_t imagecache_bytes(const struct imagecache *c) { return c->bytes; }
size_t imagecache_count(const struct imagecache *c) { return c->count; }
