#include "live/pictures/imagecache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/array.h"
#include "base/fdio.h"
#include "base/hash.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/paths.h"
#include "live/pictures/picture_sniff.h"

#define BAD_FILE "bad-pictures"
#define TMP_PREFIX ".tmp-"
#define MAX_PICTURE_FILE_BYTES (256L * 1024 * 1024) /* far over [fetch] picture_max_bytes' bound */

struct entry {
    uint64_t key;  /* the name, as a number */
    size_t disk;   /* st_blocks * 512 */
    double used;   /* recency: the file's mtime at open, then a counter above it */
};

struct imagecache {
    char *dir;
    size_t cap, reserve, disk;
    struct entry *entries;
    size_t count, capacity;
    size_t *slots; /* open addressing on the key: entry index + 1, 0 empty */
    size_t slot_count;
    uint64_t *bad;
    size_t bad_count;
    double clock; /* the next recency stamp */
};

void imagecache_name(const char *url, char out[17])
{
    /* a file name, not a security boundary; the legacy basis, so that the
     * files cached before it was named stay found (tests/base/test_hash.c) */
    snprintf(out, 17, "%016" PRIx64, hash_legacy_string(url));
}

static uint64_t url_key(const char *url)
{
    char name[17];
    imagecache_name(url, name);
    return strtoull(name, NULL, 16);
}

static void key_path(const struct imagecache *c, uint64_t key, const char *prefix, char *out, size_t size)
{
    snprintf(out, size, "%s/%s%016" PRIx64, c->dir, prefix, key);
}

/* 16 lowercase hex digits and nothing else: a name this cache gives. */
static bool own_name(const char *name, uint64_t *key)
{
    size_t n = 0;
    for (; name[n]; n++)
        if (n >= 16 || !((name[n] >= '0' && name[n] <= '9') || (name[n] >= 'a' && name[n] <= 'f')))
            return false;
    if (n != 16)
        return false;
    *key = strtoull(name, NULL, 16);
    return true;
}

/* --- the index ------------------------------------------------------------------ */

static size_t slot_of(const struct imagecache *c, uint64_t key)
{
    size_t mask = c->slot_count - 1, i = (size_t)(key ^ (key >> 32)) & mask;
    while (c->slots[i] && c->entries[c->slots[i] - 1].key != key)
        i = (i + 1) & mask;
    return i;
}

static struct entry *find(struct imagecache *c, uint64_t key)
{
    if (!c->slot_count)
        return NULL;
    size_t i = c->slots[slot_of(c, key)];
    return i ? &c->entries[i - 1] : NULL;
}

static bool grow_index(struct imagecache *c)
{
    size_t n = c->slot_count ? c->slot_count * 2 : 128;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    free(c->slots);
    c->slots = slots;
    c->slot_count = n;
    for (size_t i = 0; i < c->count; i++)
        c->slots[slot_of(c, c->entries[i].key)] = i + 1;
    return true;
}

/* Linear probing's deletion: the entries after the hole that hash at or
 * before it move back, so every probe still finds its key. */
static void unslot(struct imagecache *c, size_t hole)
{
    size_t mask = c->slot_count - 1;
    c->slots[hole] = 0;
    for (size_t j = (hole + 1) & mask; c->slots[j]; j = (j + 1) & mask) {
        uint64_t key = c->entries[c->slots[j] - 1].key;
        size_t home = (size_t)(key ^ (key >> 32)) & mask;
        bool between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!between) {
            c->slots[hole] = c->slots[j];
            c->slots[j] = 0;
            hole = j;
        }
    }
}

static bool add_entry(struct imagecache *c, uint64_t key, size_t disk, double used)
{
    if ((c->count + 1) * 2 > c->slot_count && !grow_index(c))
        return false;
    if (!ARRAY_GROW(c->entries, c->capacity, c->count + 1, 64))
        return false;
    c->entries[c->count] = (struct entry){key, disk, used};
    c->slots[slot_of(c, key)] = ++c->count;
    c->disk += disk;
    if (used >= c->clock)
        c->clock = used + 1;
    return true;
}

static void remove_entry(struct imagecache *c, struct entry *e)
{
    size_t index = (size_t)(e - c->entries);
    c->disk -= e->disk;
    unslot(c, slot_of(c, e->key));
    if (index != c->count - 1) { /* the last takes its place */
        c->entries[index] = c->entries[c->count - 1];
        c->slots[slot_of(c, c->entries[index].key)] = index + 1;
    }
    c->count--;
}

/* --- files ---------------------------------------------------------------------- */

/* A regular file, not through a symbolic link, never blocking (a FIFO).
 * Its descriptor, or -1. */
static int open_regular(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_size > MAX_PICTURE_FILE_BYTES) {
        close(fd);
        return -1;
    }
    return fd;
}

/* A file of the folder at open: indexed when it is one of this cache's
 * pictures; a temporary file a power cut left is removed. */
static void take_file(struct imagecache *c, const char *name)
{
    uint64_t key;
    char path[TICKER_PATH_SUFFIXED_MAX];
    if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0 && own_name(name + strlen(TMP_PREFIX), &key)) {
        key_path(c, key, TMP_PREFIX, path, sizeof path);
        unlink(path);
        return;
    }
    if (!own_name(name, &key))
        return;
    key_path(c, key, "", path, sizeof path);
    struct stat st;
    int fd = open_regular(path, &st);
    if (fd < 0)
        return;
    char head[16];
    bool picture = st.st_size >= (off_t)sizeof head && fdio_read_all(fd, head, sizeof head) &&
                   picture_sniff_format(head, sizeof head) != PICTURE_UNKNOWN;
    close(fd);
    /* Not a picture (an error page an older build kept): left alone, never
     * served; fetching the picture again writes over it. */
    if (picture)
        add_entry(c, key, (size_t)st.st_blocks * 512, (double)st.st_mtime);
}

/* --- the pictures that killed their decoder -------------------------------------- */

static void load_bad(struct imagecache *c)
{
    char path[TICKER_PATH_SUFFIXED_MAX], line[64];
    snprintf(path, sizeof path, "%s/%s", c->dir, BAD_FILE);
    struct stat st;
    int fd = open_regular(path, &st);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return;
    }
    c->bad = calloc(IMAGECACHE_MAX_BAD, sizeof *c->bad);
    while (c->bad && c->bad_count < IMAGECACHE_MAX_BAD && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        uint64_t key;
        if (own_name(line, &key))
            c->bad[c->bad_count++] = key;
    }
    fclose(f);
}

bool imagecache_is_bad(const struct imagecache *c, const char *url)
{
    uint64_t key = url_key(url);
    for (size_t i = 0; i < c->bad_count; i++) /* a few at most: a scan is enough */
        if (c->bad[i] == key)
            return true;
    return false;
}

/* The list written whole to a temporary file renamed into place, and
 * synced: it is written once per picture that killed its decoder, and
 * losing it to a power cut would try that picture again. */
bool imagecache_mark_bad(struct imagecache *c, const char *url)
{
    if (imagecache_is_bad(c, url))
        return true;
    if (!c->bad && !(c->bad = calloc(IMAGECACHE_MAX_BAD, sizeof *c->bad)))
        return false;
    if (c->bad_count == IMAGECACHE_MAX_BAD) /* the oldest goes */
        memmove(c->bad, c->bad + 1, --c->bad_count * sizeof *c->bad);
    c->bad[c->bad_count++] = url_key(url);
    char path[TICKER_PATH_SUFFIXED_MAX], tmp[TICKER_PATH_SUFFIXED_MAX];
    snprintf(path, sizeof path, "%s/%s", c->dir, BAD_FILE);
    snprintf(tmp, sizeof tmp, "%s/%s%s", c->dir, TMP_PREFIX, BAD_FILE);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool ok = f != NULL;
    for (size_t i = 0; ok && i < c->bad_count; i++)
        ok = fprintf(f, "%016" PRIx64 "\n", c->bad[i]) > 0;
    ok = f && fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
    if (f)
        ok = fclose(f) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    return ok;
}

/* --- open, get, put -------------------------------------------------------------- */

struct imagecache *imagecache_open(const char *dir, size_t cap_bytes, size_t reserve_bytes, char *err,
                                   size_t err_size)
{
    (void)path_make_dirs(dir); /* opening it says what failed */
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_size, "picture cache %s: %s", dir, strerror(errno));
        return NULL;
    }
    struct imagecache *c = calloc(1, sizeof *c);
    if (!c || !(c->dir = strdup(dir)) || !grow_index(c)) {
        if (c)
            free(c->dir);
        free(c);
        closedir(d);
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    c->cap = cap_bytes;
    c->reserve = reserve_bytes;
    struct dirent *de;
    while ((de = readdir(d)))
        take_file(c, de->d_name);
    closedir(d);
    load_bad(c);
    return c;
}

void imagecache_close(struct imagecache *c)
{
    if (!c)
        return;
    free(c->entries);
    free(c->slots);
    free(c->bad);
    free(c->dir);
    free(c);
}

char *imagecache_get(struct imagecache *c, const char *url, size_t *size)
{
    struct entry *e = find(c, url_key(url));
    if (!e)
        return NULL;
    char path[TICKER_PATH_SUFFIXED_MAX];
    key_path(c, e->key, "", path, sizeof path);
    struct stat st;
    int fd = open_regular(path, &st);
    char *buf = fd >= 0 ? malloc(st.st_size ? (size_t)st.st_size : 1) : NULL;
    if (buf && (!fdio_read_all(fd, buf, (size_t)st.st_size) ||
                picture_sniff_format(buf, (size_t)st.st_size) == PICTURE_UNKNOWN)) {
        free(buf);
        buf = NULL;
    }
    if (fd >= 0)
        close(fd);
    if (!buf) { /* gone or changed under the cache: forgotten, fetched again */
        remove_entry(c, e);
        return NULL;
    }
    e->used = c->clock++;
    *size = (size_t)st.st_size;
    return buf;
}

/* Deletes the least recently used picture other than keep; false when
 * there is none. */
static bool evict_one(struct imagecache *c, uint64_t keep)
{
    struct entry *oldest = NULL;
    for (size_t i = 0; i < c->count; i++) /* evictions are rare next to lookups: a scan */
        if (c->entries[i].key != keep && (!oldest || c->entries[i].used < oldest->used))
            oldest = &c->entries[i];
    if (!oldest)
        return false;
    char path[TICKER_PATH_SUFFIXED_MAX];
    key_path(c, oldest->key, "", path, sizeof path);
    unlink(path);
    remove_entry(c, oldest);
    return true;
}

/* Free room on the file system beyond the reserve, in bytes. */
static long long room(const struct imagecache *c)
{
    struct statvfs vfs;
    if (statvfs(c->dir, &vfs) != 0)
        return (long long)1 << 62; /* unknown: the write itself will tell */
    return (long long)vfs.f_bavail * (long long)vfs.f_frsize - (long long)c->reserve;
}

/* Evicts until size more bytes fit beyond the reserve. */
static bool make_room(struct imagecache *c, size_t size, uint64_t keep)
{
    while (room(c) < (long long)size + 4096)
        if (!evict_one(c, keep))
            return false;
    return true;
}

static bool write_file(const char *path, const void *bytes, size_t size, size_t *disk, int *error)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    bool ok = fd >= 0 && fdio_write_all(fd, bytes, size, false);
    struct stat st;
    ok = ok && fstat(fd, &st) == 0;
    *error = ok ? 0 : errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        *error = errno;
    }
    if (ok)
        *disk = (size_t)st.st_blocks * 512;
    return ok;
}

static bool disk_full(int error) { return error == ENOSPC || error == EDQUOT || error == EFBIG; }

bool imagecache_put(struct imagecache *c, const char *url, const void *bytes, size_t size, char *err, size_t err_size)
{
    uint64_t key = url_key(url);
    char path[TICKER_PATH_SUFFIXED_MAX], tmp[TICKER_PATH_SUFFIXED_MAX];
    key_path(c, key, "", path, sizeof path);
    key_path(c, key, TMP_PREFIX, tmp, sizeof tmp);
    if (picture_sniff_format(bytes, size) == PICTURE_UNKNOWN) {
        snprintf(err, err_size, "picture cache: %s is not kept: its %zu bytes are no JPEG, PNG, WebP or GIF", url,
                 size);
        return false;
    }
    struct entry *old = find(c, key);
    if (old) /* its room is taken back first: the new bytes replace it */
        remove_entry(c, old);
    size_t disk = 0;
    int error = 0;
    bool ok = make_room(c, size, key) && write_file(tmp, bytes, size, &disk, &error);
    if (!ok && disk_full(error)) { /* the room was not there after all: a quarter of the cache goes */
        unlink(tmp);
        for (size_t n = c->count / 4 + 1; n && evict_one(c, key); n--)
            ;
        ok = write_file(tmp, bytes, size, &disk, &error);
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        snprintf(err, err_size, "picture cache %s: %s", path,
                 error ? strerror(error) : "no room left beyond what the item cache keeps");
        unlink(tmp);
        return false;
    }
    if (!add_entry(c, key, disk, c->clock)) {
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    while (c->disk > c->cap && evict_one(c, key))
        ;
    return true;
}

size_t imagecache_bytes(const struct imagecache *c) { return c->disk; }
size_t imagecache_count(const struct imagecache *c) { return c->count; }
