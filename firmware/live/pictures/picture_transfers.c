#include "live/pictures/picture_transfers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/log.h"

enum transfer_state { WAITING, SUBMITTED, ENDED };

/* One URL asked for: owned here (not by the client), so that nothing leaks
 * whatever the client did with its callback. */
struct transfer {
    struct picture_transfers *owner;
    char *url;
    enum transfer_state state;
    struct http_response response; /* ENDED */
};

struct picture_transfers {
    pthread_mutex_t lock;
    long max_bytes;
    picture_transfers_wake_fn wake_client, wake_pictures;
    void *client_context, *pictures_context;
    struct transfer **list; /* in the order asked */
    size_t count, capacity;
};

struct picture_transfers *picture_transfers_create(long max_bytes, picture_transfers_wake_fn wake_client,
                                                   void *client_context, picture_transfers_wake_fn wake_pictures,
                                                   void *pictures_context)
{
    struct picture_transfers *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    pthread_mutex_init(&t->lock, NULL);
    t->max_bytes = max_bytes;
    t->wake_client = wake_client;
    t->client_context = client_context;
    t->wake_pictures = wake_pictures;
    t->pictures_context = pictures_context;
    return t;
}

static void transfer_free(struct transfer *x)
{
    http_response_clear(&x->response);
    free(x->url);
    free(x);
}

void picture_transfers_destroy(struct picture_transfers *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        transfer_free(t->list[i]);
    free(t->list);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

bool picture_transfers_ask(struct picture_transfers *t, const char *url)
{
    pthread_mutex_lock(&t->lock);
    bool asked = false, known = false;
    for (size_t i = 0; i < t->count && !known; i++)
        known = strcmp(t->list[i]->url, url) == 0;
    if (!known && ARRAY_GROW(t->list, t->capacity, t->count + 1, 8)) {
        struct transfer *x = calloc(1, sizeof *x);
        if (x && (x->url = strdup(url))) {
            x->owner = t;
            t->list[t->count++] = x;
            asked = true;
        } else {
            free(x);
        }
    }
    pthread_mutex_unlock(&t->lock);
    if (asked && t->wake_client)
        t->wake_client(t->client_context);
    return asked;
}

bool picture_transfers_take(struct picture_transfers *t, char **url, struct http_response *response)
{
    pthread_mutex_lock(&t->lock);
    struct transfer *x = NULL;
    for (size_t i = 0; i < t->count && !x; i++) {
        if (t->list[i]->state != ENDED)
            continue;
        x = t->list[i];
        memmove(t->list + i, t->list + i + 1, (t->count - i - 1) * sizeof *t->list);
        t->count--;
    }
    pthread_mutex_unlock(&t->lock);
    if (!x)
        return false;
    *url = x->url;
    *response = x->response; /* moved */
    free(x);
    return true;
}

size_t picture_transfers_pending(struct picture_transfers *t)
{
    pthread_mutex_lock(&t->lock);
    size_t n = t->count;
    pthread_mutex_unlock(&t->lock);
    return n;
}

/* On the client's thread, inside http_client_run. */
static void on_done(void *context, struct http_response *response)
{
    struct transfer *x = context;
    struct picture_transfers *t = x->owner;
    pthread_mutex_lock(&t->lock);
    x->response = *response; /* moved */
    x->state = ENDED;
    pthread_mutex_unlock(&t->lock);
    if (t->wake_pictures)
        t->wake_pictures(t->pictures_context);
}

void picture_transfers_tick(struct picture_transfers *t, struct http_client *http)
{
    size_t slots = http_client_slots(http), most = slots / 2 ? slots / 2 : 1, running = 0;
    pthread_mutex_lock(&t->lock);
    for (size_t i = 0; i < t->count; i++)
        running += t->list[i]->state == SUBMITTED;
    for (size_t i = 0; i < t->count && running < most; i++) {
        struct transfer *x = t->list[i];
        if (x->state != WAITING)
            continue;
        struct http_get get = {.url = x->url, .max_bytes = t->max_bytes, .done = on_done, .context = x};
        x->state = SUBMITTED;
        if (http_submit(http, &get)) {
            running++;
        } else {
            x->state = ENDED;
            x->response.outcome = HTTP_FAILED;
            strcpy(x->response.error, LOG_OOM);
        }
    }
    pthread_mutex_unlock(&t->lock);
}
