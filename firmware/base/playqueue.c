#include "base/playqueue.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A ring by hand: a mailbox of one list would drop all but the newest,
 * and the proof of play must keep every event. */
struct playqueue {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    struct play_event ring[PLAYQUEUE_CAPACITY];
    size_t head, count;
    uint64_t dropped;
    bool closed;
};

void play_event_clear(struct play_event *e)
{
    free(e->id);
    free(e->title);
    free(e->source);
    memset(e, 0, sizeof *e);
}

struct playqueue *playqueue_create(void)
{
    struct playqueue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    bool ok = pthread_mutex_init(&q->lock, NULL) == 0 && pthread_cond_init(&q->ready, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (!ok) {
        free(q);
        return NULL;
    }
    return q;
}

void playqueue_destroy(struct playqueue *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->count; i++)
        play_event_clear(&q->ring[(q->head + i) % PLAYQUEUE_CAPACITY]);
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->ready);
    free(q);
}

void playqueue_push(struct playqueue *q, struct play_event *e)
{
    struct play_event old = {0};
    pthread_mutex_lock(&q->lock);
    if (q->count == PLAYQUEUE_CAPACITY) {
        old = q->ring[q->head];
        q->head = (q->head + 1) % PLAYQUEUE_CAPACITY;
        q->count--;
        q->dropped++;
    }
    q->ring[(q->head + q->count++) % PLAYQUEUE_CAPACITY] = *e;
    pthread_cond_signal(&q->ready);
    pthread_mutex_unlock(&q->lock);
    memset(e, 0, sizeof *e);
    play_event_clear(&old); /* outside the lock */
}

size_t playqueue_take(struct playqueue *q, struct play_event *out, size_t max, int timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&q->lock);
    while (!q->count && !q->closed)
        if (pthread_cond_timedwait(&q->ready, &q->lock, &deadline) == ETIMEDOUT)
            break;
    size_t n = q->count < max ? q->count : max;
    for (size_t i = 0; i < n; i++)
        out[i] = q->ring[(q->head + i) % PLAYQUEUE_CAPACITY];
    q->head = (q->head + n) % PLAYQUEUE_CAPACITY;
    q->count -= n;
    pthread_mutex_unlock(&q->lock);
    return n;
}

void playqueue_close(struct playqueue *q)
{
    pthread_mutex_lock(&q->lock);
    q->closed = true;
    pthread_cond_broadcast(&q->ready);
    pthread_mutex_unlock(&q->lock);
}

bool playqueue_closed(struct playqueue *q)
{
    pthread_mutex_lock(&q->lock);
    bool closed = q->closed;
    pthread_mutex_unlock(&q->lock);
    return closed;
}

uint64_t playqueue_dropped(struct playqueue *q)
{
    pthread_mutex_lock(&q->lock);
    uint64_t n = q->dropped;
    pthread_mutex_unlock(&q->lock);
    return n;
}
