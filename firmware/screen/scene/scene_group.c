/* Group mode (see scene.h): the crawl placed from program segments, each
 * starting at its own scroll coordinate; the featured panel by the
 * segment's epoch; and the wall's ops moved to this screen's part. */
#include <math.h>
#include <stdlib.h>

#include "screen/scene/scene_parts.h"

void scene_group_clear(struct scene *s)
{
    item_list_destroy(s->crawl_list);
    s->crawl_list = NULL;
    for (size_t i = 0; i < s->pending_count; i++)
        item_list_destroy(s->pending[i].list);
    s->pending_count = 0;
}

/* The crawl goes on with the first waiting segment from the first headline
 * boundary at or past its start: headlines of the segment before already
 * placed there (ahead of the wall's right edge, since the start is two
 * walls ahead when it comes) are taken back, so where the segment begins
 * depends on the segments alone, not on how far this screen had placed. */
static void take_pending(struct scene *s)
{
    item_list_destroy(s->crawl_list);
    s->crawl_list = s->pending[0].list;
    int64_t start = s->pending[0].start;
    bool exact = s->pending[0].exact;
    while (s->entry_count) {
        struct crawl_entry *last = &s->entries[s->entry_count - 1];
        /* Exact: also the one that would reach past the start. */
        bool past = exact ? last->begin + last->width > start : last->begin >= start;
        if (!past || entry_x(s, last) < s->layout.width)
            break;
        s->next_begin = last->begin;
        scene_entry_free(last);
        s->entry_count--;
    }
    if (!s->has_next_begin || ((exact || !s->entry_count) && s->next_begin < start))
        s->next_begin = start; /* exact, or nothing placed to follow: the segment's own start */
    s->has_next_begin = true;
    s->next_index = 0;
    s->pending_count--;
    for (size_t i = 0; i < s->pending_count; i++)
        s->pending[i] = s->pending[i + 1];
}

/* One step of placing: the switch to the next segment once the crawl has
 * reached its start, or the next entry of the current one. False when
 * nothing more can be placed (no list, or OOM). */
static bool group_step(struct scene *s)
{
    const struct item_list *cl = s->crawl_list;
    if (s->pending_count && (!cl || !cl->count || (s->has_next_begin && s->next_begin >= s->pending[0].start))) {
        take_pending(s);
        return true;
    }
    if (!cl || !cl->count)
        return false;
    struct crawl_entry e;
    if (!scene_crawl_make(s, &cl->items[s->next_index % cl->count], NULL, false, &e))
        return false;
    if (s->pending_count && s->pending[0].exact && s->has_next_begin && s->next_begin + e.width > s->pending[0].start) {
        scene_entry_free(&e); /* it would reach past an exact start: the gap */
        take_pending(s);
        return true;
    }
    if (!scene_crawl_place(s, &e))
        return false;
    s->next_index = (s->next_index + 1) % cl->count;
    return true;
}

void scene_group_crawl_update(struct scene *s)
{
    scene_crawl_drop_passed(s);
    int64_t horizon = scene_crawl_horizon(s);
    while (!s->has_next_begin || s->next_begin < horizon) {
        if (!group_step(s))
            break;
        if (s->entry_count > 256)
            scene_crawl_drop_passed(s);
    }
    scene_crawl_drop_passed(s);
}

static void featured_from_epoch(struct scene *s, double epoch)
{
    size_t count = s->list ? s->list->count : 0;
    if (!count)
        return;
    double period = s->settings.featured_seconds;
    double n = s->now > epoch ? floor((s->now - epoch) / period) : 0;
    double since = epoch + n * period;
    size_t index = (size_t)fmod(n, (double)count);
    scene_featured_show(s, index, since, s->current.present && s->now - since < TRANSITION_SECONDS);
}

void scene_group_adopt(struct scene *s, struct item_list *list, int64_t crawl_start, double featured_epoch,
                       bool exact)
{
    if (!list)
        return;
    scene_alert_take(s, list);
    struct item_list *crawl = item_list_clone(list);
    if (crawl && s->pending_count < SCENE_GROUP_PENDING) {
        s->pending[s->pending_count].list = crawl;
        s->pending[s->pending_count].exact = exact;
        s->pending[s->pending_count++].start = crawl_start;
    } else {
        item_list_destroy(crawl); /* out of memory, or four waiting: the crawl goes on with what it has */
    }
    if (!s->has_next_begin && s->pending_count)
        take_pending(s); /* the first segment: from its start */
    item_list_destroy(s->list);
    s->list = list;
    scene_featured_clear(&s->upcoming); /* laid out from the old list */
    s->featured_index = SIZE_MAX;
    featured_from_epoch(s, featured_epoch);
    scene_crawl_update(s);
}

static void shift_rect(struct scene_rect *r, int dx, int dy)
{
    r->x -= dx;
    r->y -= dy;
}

void scene_group_to_screen(const struct scene *s, struct scene_frame *f)
{
    int dx = s->origin_x, dy = s->origin_y;
    if (!dx && !dy)
        return;
    for (size_t i = 0; i < f->count; i++) {
        shift_rect(&f->ops[i].rect, dx, dy);
        shift_rect(&f->ops[i].clip, dx, dy);
    }
    if (f->has_damage)
        shift_rect(&f->damage, dx, dy);
}
