#include "base/picture_mailbox.h"

#include "base/array.h"
#include "base/clocks.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct picture_mailbox {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct picture_wish wish;
    bool woken;
    struct picture_result *results;
    size_t result_count, result_capacity;
};

struct picture_mailbox *picture_mailbox_create(void)
{
    struct picture_mailbox *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_mutex_init(&m->lock, NULL);
    pthread_cond_init(&m->changed, &attr);
    pthread_condattr_destroy(&attr);
    return m;
}

void picture_wish_clear(struct picture_wish *w)
{
    for (size_t i = 0; i < w->count; i++)
        free(w->urls[i]);
    free(w->urls);
    w->urls = NULL;
    w->count = 0;
}

void picture_result_clear(struct picture_result *r)
{
    free(r->url);
    free(r->rgba);
    free(r->error);
    memset(r, 0, sizeof *r);
}

void picture_mailbox_destroy(struct picture_mailbox *m)
{
    if (!m)
        return;
    picture_wish_clear(&m->wish);
    for (size_t i = 0; i < m->result_count; i++)
        picture_result_clear(&m->results[i]);
    free(m->results);
    pthread_cond_destroy(&m->changed);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

char *picture_thumbnail_key(const char *url)
{
    size_t n = sizeof PICTURE_THUMBNAIL_PREFIX + strlen(url);
    char *key = malloc(n);
    if (key)
        snprintf(key, n, "%s%s", PICTURE_THUMBNAIL_PREFIX, url);
    return key;
}

const char *picture_key_url(const char *key, bool *thumbnail)
{
    size_t n = sizeof PICTURE_THUMBNAIL_PREFIX - 1;
    *thumbnail = strncmp(key, PICTURE_THUMBNAIL_PREFIX, n) == 0;
    return *thumbnail ? key + n : key;
}

static bool same_wish(const struct picture_wish *w, const char *const *urls, size_t count, int bw, int bh, int tw,
                      int th)
{
    if (w->count != count || w->box_width != bw || w->box_height != bh || w->thumbnail_width != tw ||
        w->thumbnail_height != th)
        return false;
    for (size_t i = 0; i < count; i++)
        if (strcmp(w->urls[i], urls[i]) != 0)
            return false;
    return true;
}

void picture_mailbox_wish(struct picture_mailbox *m, const char *const *urls, size_t count, int bw, int bh, int tw,
                          int th)
{
    pthread_mutex_lock(&m->lock);
    if (!same_wish(&m->wish, urls, count, bw, bh, tw, th)) {
        char **copy = count ? calloc(count, sizeof *copy) : NULL;
        size_t n = 0;
        for (size_t i = 0; copy && i < count; i++)
            if ((copy[n] = strdup(urls[i])))
                n++;
        unsigned generation = m->wish.generation + 1;
        picture_wish_clear(&m->wish);
        m->wish = (struct picture_wish){copy, n, bw, bh, tw, th, generation};
        pthread_cond_broadcast(&m->changed);
    }
    pthread_mutex_unlock(&m->lock);
}

static bool copy_wish(const struct picture_wish *from, struct picture_wish *to)
{
    *to = (struct picture_wish){NULL, 0, from->box_width, from->box_height, from->thumbnail_width,
                                from->thumbnail_height, from->generation};
    if (!from->count)
        return true;
    to->urls = calloc(from->count, sizeof *to->urls);
    if (!to->urls)
        return false;
    for (size_t i = 0; i < from->count; i++)
        if ((to->urls[to->count] = strdup(from->urls[i])))
            to->count++;
    return true;
}

bool picture_mailbox_wait_wish(struct picture_mailbox *m, unsigned generation, int timeout_ms, struct picture_wish *out)
{
    struct timespec until = clocks_deadline_in(timeout_ms / 1000.0);
    pthread_mutex_lock(&m->lock);
    while (m->wish.generation == generation && !m->woken)
        if (pthread_cond_timedwait(&m->changed, &m->lock, &until) == ETIMEDOUT)
            break;
    m->woken = false;
    bool fresh = m->wish.generation != generation && copy_wish(&m->wish, out);
    pthread_mutex_unlock(&m->lock);
    return fresh;
}

void picture_mailbox_wake(struct picture_mailbox *m)
{
    pthread_mutex_lock(&m->lock);
    m->woken = true;
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->lock);
}

bool picture_mailbox_post(struct picture_mailbox *m, struct picture_result *r)
{
    pthread_mutex_lock(&m->lock);
    bool ok = ARRAY_GROW(m->results, m->result_capacity, m->result_count + 1, 8);
    if (ok) {
        m->results[m->result_count++] = *r;
        memset(r, 0, sizeof *r);
    }
    pthread_mutex_unlock(&m->lock);
    if (!ok)
        picture_result_clear(r);
    return ok;
}

bool picture_mailbox_take(struct picture_mailbox *m, struct picture_result *out)
{
    pthread_mutex_lock(&m->lock);
    bool any = m->result_count > 0;
    if (any) {
        *out = m->results[0];
        memmove(m->results, m->results + 1, (m->result_count - 1) * sizeof *m->results);
        m->result_count--;
    }
    pthread_mutex_unlock(&m->lock);
    return any;
}
