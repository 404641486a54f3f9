/* libFuzzer target for the picture cache (live/pictures/imagecache): the input is
 * a program of operations on one cache in a folder of its own — store,
 * look up, remember as bad, reopen (a reboot) — on 8 URLs, with bodies cut
 * from the input and a cap of a few blocks. Checked after each step
 * against a model of what was stored: a lookup gives exactly the bytes
 * last stored for that URL or nothing (evicted), never another's; what is
 * not a picture is never stored; disk use stays within the cap beyond the
 * picture just stored; a bad mark survives a reopen; the file beside the
 * cache that is not its own is never deleted. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/pictures/imagecache.h"
#include "live/pictures/picture_sniff.h"

#define URLS 8
#define CAP (4 * 4096)

static char dir[64];

static void check(int ok)
{
    if (!ok)
        abort();
}

static struct imagecache *open_cache(void)
{
    char err[512];
    struct imagecache *c = imagecache_open(dir, CAP, 0, err, sizeof err);
    check(c != NULL);
    return c;
}

struct model {
    uint8_t *bytes[URLS]; /* last stored; NULL: nothing stored */
    size_t size[URLS];
    int bad[URLS];
};

static void store(struct imagecache *c, struct model *m, int u, const uint8_t *body, size_t n)
{
    char url[64], err[512];
    snprintf(url, sizeof url, "https://example.vn/%d.jpg", u);
    bool picture = picture_sniff_format(body, n) != PICTURE_UNKNOWN;
    bool ok = imagecache_put(c, url, body, n, err, sizeof err);
    check(ok == picture); /* a folder in /tmp: no write fails here */
    if (ok) {
        free(m->bytes[u]);
        m->bytes[u] = malloc(n ? n : 1);
        memcpy(m->bytes[u], body, n);
        m->size[u] = n;
        check(imagecache_bytes(c) <= CAP + ((n + 4095) / 4096) * 4096);
    }
}

static void look_up(struct imagecache *c, const struct model *m, int u)
{
    char url[64];
    size_t n = 0;
    snprintf(url, sizeof url, "https://example.vn/%d.jpg", u);
    char *got = imagecache_get(c, url, &n);
    if (got) {
        check(m->bytes[u] && n == m->size[u] && memcmp(got, m->bytes[u], n) == 0);
        free(got);
    }
}

/* The cache's folder holds only files: removed one by one (no rm -rf, a
 * process per input). */
static void remove_folder(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.' || (e->d_name[1] && e->d_name[1] != '.'))
            check(unlink(path) == 0);
    }
    if (d)
        closedir(d);
    check(rmdir(dir) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* In memory when the machine has /dev/shm: the bad list is synced. */
    snprintf(dir, sizeof dir, "%s/ticker-fuzz-imagecache-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir))
        return 0;
    char foreign[128];
    snprintf(foreign, sizeof foreign, "%s/abcdefghijklmnop", dir);
    FILE *f = fopen(foreign, "w");
    fputs("not the cache's", f);
    fclose(f);
    struct model m = {0};
    struct imagecache *c = open_cache();
    for (size_t at = 0; at + 2 <= size;) {
        int op = data[at] & 3, u = (data[at] >> 2) % URLS;
        size_t n = data[at + 1] * 64u % 6000;
        at += 2;
        n = n < size - at ? n : size - at;
        char url[64];
        snprintf(url, sizeof url, "https://example.vn/%d.jpg", u);
        if (op == 0) {
            store(c, &m, u, data + at, n);
            at += n;
        } else if (op == 1) {
            look_up(c, &m, u);
        } else if (op == 2) {
            check(imagecache_mark_bad(c, url));
            m.bad[u] = 1;
        } else {
            imagecache_close(c);
            c = open_cache();
        }
        for (int i = 0; i < URLS; i++) {
            snprintf(url, sizeof url, "https://example.vn/%d.jpg", i);
            check(imagecache_is_bad(c, url) == (m.bad[i] != 0));
        }
    }
    for (int u = 0; u < URLS; u++)
        look_up(c, &m, u);
    imagecache_close(c);
    struct stat st;
    check(stat(foreign, &st) == 0);
    for (int u = 0; u < URLS; u++)
        free(m.bytes[u]);
    remove_folder();
    return 0;
}
