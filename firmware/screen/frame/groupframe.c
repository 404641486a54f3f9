#include "screen/frame/groupframe.h"

#include <math.h>
#include <stdlib.h>

#include "base/log.h"

#define GROUPFRAME_LATE_SECONDS 0.5

struct groupframe {
    struct programbox *box;
    struct groupclock_slew slew;
    struct program *program;
    bool join;
    double adopted; /* epoch of the newest segment adopted; -inf: none */
    int posted_w, posted_h;
};

struct groupframe *groupframe_create(struct programbox *box)
{
    struct groupframe *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->box = box;
    groupclock_slew_init(&g->slew);
    g->adopted = -INFINITY;
    return g;
}

void groupframe_destroy(struct groupframe *g)
{
    if (!g)
        return;
    program_destroy(g->program);
    free(g);
}

double groupframe_time(struct groupframe *g, double present_local)
{
    struct groupclock_fix fix;
    bool step;
    if (programbox_take_fix(g->box, &fix, &step))
        groupclock_slew_set(&g->slew, &fix, step);
    return groupclock_slew_time(&g->slew, present_local);
}

void groupframe_restage(struct groupframe *g)
{
    g->join = true;
}

void groupframe_update(struct groupframe *g, struct stage *stage, int rotate, double t)
{
    if (stage->screen_width != g->posted_w || stage->screen_height != g->posted_h) {
        programbox_post_screen(g->box, stage->screen_width, stage->screen_height, rotate, stage->refresh_hz);
        g->posted_w = stage->screen_width;
        g->posted_h = stage->screen_height;
    }
    enum program_mode mode;
    struct program *p = programbox_take(g->box, &mode);
    if (p) {
        program_destroy(g->program);
        g->program = p;
        g->join = g->join || mode == PROGRAM_JOIN;
    }
    if (!g->program)
        return;
    bool joining = g->join;
    if (g->join) {
        /* A fresh scene, every segment begun adopted at once: the crawl at t
         * is a function of the segments alone, so this screen shows what
         * the others show from its first frame. */
        if (!stage_relayout(stage, NULL, NULL))
            return;
        g->adopted = -INFINITY;
        g->join = false;
    }
    for (size_t i = 0; i < g->program->count; i++) {
        const struct program_segment *seg = &g->program->segments[i];
        if (seg->epoch <= g->adopted || seg->epoch > t)
            continue;
        /* Long begun and never adopted: a segment this screen did not see
         * in time (a leader that came back). Taken now it would put this
         * crawl out of step; the sync thread waits for the next epoch. */
        if (!joining && g->adopted > -INFINITY && seg->epoch < t - GROUPFRAME_LATE_SECONDS)
            continue;
        struct item_list *items = item_list_clone(seg->items);
        if (!items)
            return; /* out of memory: tried again next frame */
        scene_group_adopt(stage->scene, items, seg->crawl_start, seg->epoch, seg->exact);
        g->adopted = seg->epoch;
        log_debug("group: segment of %zu items adopted at group time %.3f (epoch %.3f)", seg->items->count, t,
                  seg->epoch);
    }
}
