#include "base/program.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *program_identity_mismatch(const struct program_identity *a, const struct program_identity *b, char *why,
                                      size_t size)
{
    why[0] = 0;
    if (a->width != b->width || a->height != b->height || a->rotate != b->rotate)
        snprintf(why, size, "screen size: the leader's is %dx%d rotated %d, this one's %dx%d rotated %d", a->width,
                 a->height, a->rotate, b->width, b->height, b->rotate);
    else if (fabs(a->refresh_hz - b->refresh_hz) > 0.01)
        snprintf(why, size, "refresh rate: the leader's is %.2f Hz, this one's %.2f Hz", a->refresh_hz, b->refresh_hz);
    else if (a->columns != b->columns || a->rows != b->rows || a->bezel != b->bezel)
        snprintf(why, size, "wall: the leader's is %dx%d with %d px bezels, this one's %dx%d with %d px", a->columns,
                 a->rows, a->bezel, b->columns, b->rows, b->bezel);
    else if (fabs(a->speed - b->speed) > 1e-6 || fabs(a->featured_seconds - b->featured_seconds) > 1e-6)
        snprintf(why, size, "timing: the leader crawls %g px/s and features %g s, this one %g px/s and %g s", a->speed,
                 a->featured_seconds, b->speed, b->featured_seconds);
    else if (strcmp(a->fonts, b->fonts))
        snprintf(why, size,
                 "fonts: the leader's font files are %.12s..., this one's %.12s... (the same files are needed)",
                 a->fonts, b->fonts);
    return why;
}

void program_destroy(struct program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        item_list_destroy(p->segments[i].items);
    free(p);
}

struct program *program_clone(const struct program *p)
{
    struct program *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->identity = p->identity;
    for (size_t i = 0; i < p->count; i++) {
        c->segments[i] = p->segments[i];
        if (!(c->segments[i].items = item_list_clone(p->segments[i].items))) {
            c->count = i;
            program_destroy(c);
            return NULL;
        }
        c->count = i + 1;
    }
    return c;
}

bool program_push(struct program *p, double epoch, int64_t crawl_start, bool exact, struct item_list *items)
{
    if (p->count && !(epoch > p->segments[p->count - 1].epoch)) {
        item_list_destroy(items);
        return false;
    }
    if (p->count == PROGRAM_SEGMENTS) {
        item_list_destroy(p->segments[0].items);
        memmove(p->segments, p->segments + 1, (PROGRAM_SEGMENTS - 1) * sizeof *p->segments);
        p->count--;
    }
    p->segments[p->count++] = (struct program_segment){epoch, crawl_start, exact, items};
    return true;
}

int64_t program_crawl_offset(double speed, double refresh_hz, double t)
{
    double hz = refresh_hz > 0 ? refresh_hz : 60;
    long ppf = lround(speed / hz);
    /* Group seconds since 1970 times 60 is about 1e11 refreshes: a double
     * holds that to 1e-5 of a refresh. */
    return (int64_t)(ppf < 1 ? 1 : ppf) * (int64_t)llround(t * hz);
}

int program_wall_width(const struct program_identity *id)
{
    int lw = id->rotate == 90 || id->rotate == 270 ? id->height : id->width;
    int columns = id->columns > 1 ? id->columns : 1;
    return columns * lw + (columns - 1) * (columns > 1 ? id->bezel : 0);
}

struct programbox {
    pthread_mutex_t lock;
    struct program *program;
    enum program_mode mode;
    bool has_fix, fix_taken, step;
    struct groupclock_fix fix;
    bool has_screen;
    int width, height, rotate;
    double hz;
    struct program_status status;
};

struct programbox *programbox_create(void)
{
    struct programbox *b = calloc(1, sizeof *b);
    if (b)
        pthread_mutex_init(&b->lock, NULL);
    return b;
}

void programbox_destroy(struct programbox *b)
{
    if (!b)
        return;
    program_destroy(b->program);
    pthread_mutex_destroy(&b->lock);
    free(b);
}

void programbox_post(struct programbox *b, struct program *p, enum program_mode mode)
{
    pthread_mutex_lock(&b->lock);
    struct program *old = b->program;
    /* A join not taken yet stays a join: the newer program replaces its
     * segments, not the need for a fresh scene. */
    b->mode = old && b->mode == PROGRAM_JOIN ? PROGRAM_JOIN : mode;
    b->program = p;
    pthread_mutex_unlock(&b->lock);
    program_destroy(old);
}

struct program *programbox_take(struct programbox *b, enum program_mode *mode)
{
    pthread_mutex_lock(&b->lock);
    struct program *p = b->program;
    *mode = b->mode;
    b->program = NULL;
    pthread_mutex_unlock(&b->lock);
    return p;
}

void programbox_post_fix(struct programbox *b, const struct groupclock_fix *fix, bool step)
{
    pthread_mutex_lock(&b->lock);
    b->step = step || (b->has_fix && !b->fix_taken && b->step);
    b->fix = *fix;
    b->has_fix = true;
    b->fix_taken = false;
    pthread_mutex_unlock(&b->lock);
}

bool programbox_take_fix(struct programbox *b, struct groupclock_fix *fix, bool *step)
{
    pthread_mutex_lock(&b->lock);
    bool fresh = b->has_fix && !b->fix_taken;
    if (fresh) {
        *fix = b->fix;
        *step = b->step;
        b->fix_taken = true;
    }
    pthread_mutex_unlock(&b->lock);
    return fresh;
}

void programbox_post_screen(struct programbox *b, int width, int height, int rotate, double hz)
{
    pthread_mutex_lock(&b->lock);
    b->has_screen = true;
    b->width = width, b->height = height, b->rotate = rotate, b->hz = hz;
    pthread_mutex_unlock(&b->lock);
}

bool programbox_screen(struct programbox *b, int *width, int *height, int *rotate, double *hz)
{
    pthread_mutex_lock(&b->lock);
    bool has = b->has_screen;
    *width = b->width, *height = b->height, *rotate = b->rotate, *hz = b->hz;
    pthread_mutex_unlock(&b->lock);
    return has;
}

void programbox_set_status(struct programbox *b, const struct program_status *s)
{
    pthread_mutex_lock(&b->lock);
    b->status = *s;
    pthread_mutex_unlock(&b->lock);
}

void programbox_status(struct programbox *b, struct program_status *s)
{
    pthread_mutex_lock(&b->lock);
    *s = b->status;
    pthread_mutex_unlock(&b->lock);
}
