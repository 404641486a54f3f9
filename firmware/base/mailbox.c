#include "base/mailbox.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct mailbox {
    pthread_mutex_t lock;
    struct item_list *newest;
    char status[256];
    bool status_changed;
    const struct config *settings;
    const struct onhours *on_hours;
    struct picture_mailbox *pictures;
    struct playqueue *plays;
};

struct mailbox *mailbox_create(void)
{
    struct mailbox *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->pictures = picture_mailbox_create();
    m->plays = playqueue_create();
    if (!m->pictures || !m->plays || pthread_mutex_init(&m->lock, NULL) != 0) {
        picture_mailbox_destroy(m->pictures);
        playqueue_destroy(m->plays);
        free(m);
        return NULL;
    }
    return m;
}

void mailbox_destroy(struct mailbox *m)
{
    if (!m)
        return;
    item_list_destroy(m->newest);
    picture_mailbox_destroy(m->pictures);
    playqueue_destroy(m->plays);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

void mailbox_post_items(struct mailbox *m, struct item_list *list)
{
    pthread_mutex_lock(&m->lock);
    struct item_list *stale = m->newest;
    m->newest = list;
    pthread_mutex_unlock(&m->lock);
    item_list_destroy(stale); /* freed outside the lock: the render side never waits on it */
}

struct item_list *mailbox_take_items(struct mailbox *m)
{
    pthread_mutex_lock(&m->lock);
    struct item_list *list = m->newest;
    m->newest = NULL;
    pthread_mutex_unlock(&m->lock);
    return list;
}

void mailbox_post_status(struct mailbox *m, const char *status)
{
    pthread_mutex_lock(&m->lock);
    snprintf(m->status, sizeof m->status, "%s", status ? status : "");
    m->status_changed = true;
    pthread_mutex_unlock(&m->lock);
}

bool mailbox_take_status(struct mailbox *m, char *out, size_t size)
{
    pthread_mutex_lock(&m->lock);
    bool changed = m->status_changed;
    if (changed)
        snprintf(out, size, "%s", m->status);
    m->status_changed = false;
    pthread_mutex_unlock(&m->lock);
    return changed;
}

void mailbox_post_settings(struct mailbox *m, const struct config *config, const struct onhours *on_hours)
{
    pthread_mutex_lock(&m->lock);
    m->settings = config;
    m->on_hours = on_hours;
    pthread_mutex_unlock(&m->lock);
}

bool mailbox_take_settings(struct mailbox *m, const struct config **config, const struct onhours **on_hours)
{
    pthread_mutex_lock(&m->lock);
    bool any = m->settings != NULL;
    if (any) {
        *config = m->settings;
        *on_hours = m->on_hours;
        m->settings = NULL;
        m->on_hours = NULL;
    }
    pthread_mutex_unlock(&m->lock);
    return any;
}

struct picture_mailbox *mailbox_pictures(struct mailbox *m) { return m->pictures; }
struct playqueue *mailbox_plays(struct mailbox *m) { return m->plays; }
