#include "screen/text/textmaker.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

enum job_state { WAITING, MAKING, MADE };

struct job {
    int style;
    uint32_t rgb;
    char *text;
    enum job_state state;
    SDL_Surface *surface;
    int baseline;
};

struct textmaker {
    struct typeset *typeset; /* this thread's own fonts */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct job jobs[TEXTMAKER_MAX_PENDING];
    size_t count; /* jobs[0..count): in the order asked */
};

void textmaker_paint(SDL_Surface *surface, uint32_t rgb)
{
    for (int y = 0; y < surface->h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)surface->pixels + (size_t)y * surface->pitch);
        for (int x = 0; x < surface->w; x++)
            row[x] = (row[x] & 0xFF000000u) | rgb;
    }
}

static struct job *next_waiting(struct textmaker *m)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->jobs[i].state == WAITING)
            return &m->jobs[i];
    return NULL;
}

static void *maker_main(void *arg)
{
    struct textmaker *m = arg;
    pthread_mutex_lock(&m->lock);
    while (!m->stop) {
        struct job *job = next_waiting(m);
        if (!job) {
            pthread_cond_wait(&m->wake, &m->lock);
            continue;
        }
        job->state = MAKING;
        /* Made unlocked, from the job's own text: a take may move the
         * job's entry in the list meanwhile, but gives away only a MADE
         * job's text. One job is made at a time, so after it the job is
         * found again as the one MAKING. */
        int style = job->style;
        uint32_t rgb = job->rgb;
        const char *text = job->text;
        pthread_mutex_unlock(&m->lock);
        int baseline = 0;
        SDL_Surface *surface = typeset_render(m->typeset, (size_t)style, text, &baseline);
        if (surface)
            textmaker_paint(surface, rgb);
        pthread_mutex_lock(&m->lock);
        struct job *done = NULL;
        for (size_t i = 0; i < m->count && !done; i++)
            if (m->jobs[i].state == MAKING)
                done = &m->jobs[i];
        done->surface = surface;
        done->baseline = baseline;
        done->state = MADE;
    }
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

struct textmaker *textmaker_create(const struct config *config, const struct typeset_style *styles, size_t count,
                                   char *err, size_t err_size)
{
    struct textmaker *m = calloc(1, sizeof *m);
    if (!m) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    if (!(m->typeset = typeset_create(config, styles, count, err, err_size))) {
        free(m);
        return NULL;
    }
    pthread_mutex_init(&m->lock, NULL);
    pthread_cond_init(&m->wake, NULL);
    if (pthread_create(&m->thread, NULL, maker_main, m) != 0) {
        snprintf(err, err_size, "cannot start the text thread");
        pthread_cond_destroy(&m->wake);
        pthread_mutex_destroy(&m->lock);
        typeset_destroy(m->typeset);
        free(m);
        return NULL;
    }
    return m;
}

void textmaker_destroy(struct textmaker *m)
{
    if (!m)
        return;
    pthread_mutex_lock(&m->lock);
    m->stop = true;
    pthread_cond_broadcast(&m->wake);
    pthread_mutex_unlock(&m->lock);
    pthread_join(m->thread, NULL);
    for (size_t i = 0; i < m->count; i++) {
        free(m->jobs[i].text);
        SDL_FreeSurface(m->jobs[i].surface);
    }
    pthread_cond_destroy(&m->wake);
    pthread_mutex_destroy(&m->lock);
    typeset_destroy(m->typeset);
    free(m);
}

bool textmaker_ask(struct textmaker *m, int style, uint32_t rgb, const char *text)
{
    pthread_mutex_lock(&m->lock);
    bool asked = false, known = false;
    for (size_t i = 0; i < m->count && !known; i++)
        known = m->jobs[i].style == style && m->jobs[i].rgb == rgb && strcmp(m->jobs[i].text, text) == 0;
    if (!known && m->count < TEXTMAKER_MAX_PENDING) {
        char *copy = strdup(text);
        if (copy) {
            m->jobs[m->count++] = (struct job){.style = style, .rgb = rgb, .text = copy, .state = WAITING};
            pthread_cond_signal(&m->wake);
            asked = true;
        }
    }
    pthread_mutex_unlock(&m->lock);
    return asked;
}

size_t textmaker_pending(struct textmaker *m)
{
    pthread_mutex_lock(&m->lock);
    size_t n = 0;
    for (size_t i = 0; i < m->count; i++)
        n += m->jobs[i].state != MADE;
    pthread_mutex_unlock(&m->lock);
    return n;
}

bool textmaker_take(struct textmaker *m, int *style, uint32_t *rgb, char **text, SDL_Surface **surface,
                    int *baseline)
{
    pthread_mutex_lock(&m->lock);
    bool any = false;
    for (size_t i = 0; i < m->count && !any; i++) {
        struct job *job = &m->jobs[i];
        if (job->state != MADE)
            continue;
        *style = job->style;
        *rgb = job->rgb;
        *text = job->text;
        *surface = job->surface;
        *baseline = job->baseline;
        memmove(job, job + 1, (m->count - i - 1) * sizeof *job);
        m->count--;
        any = true;
    }
    pthread_mutex_unlock(&m->lock);
    return any;
}
