/* The featured panel: which item is shown when, its transition, the next
 * item laid out ahead, the progress bar (see scene_parts.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

void scene_featured_clear(struct featured_view *v)
{
    free(v->id);
    free(v->text);
    free(v->meta);
    free(v->link);
    free(v->picture);
    scene_block_clear(&v->title);
    scene_block_clear(&v->summary);
    scene_block_clear(&v->caption);
    memset(v, 0, sizeof *v);
}

size_t scene_list_find(const struct item_list *list, const char *id)
{
    if (!list || !id || !id[0])
        return SIZE_MAX;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].id && strcmp(list->items[i].id, id) == 0)
            return i;
    return SIZE_MAX;
}

/* The shown item's end, for the proof of play. */
static void played(struct scene *s)
{
    if (s->current.present)
        scene_play_add(s, SCENE_PLAY_FEATURED, s->current.id, s->current.text, s->current.meta, s->featured_since,
                       s->now);
}

void scene_featured_show(struct scene *s, size_t index, double since, bool keep_previous)
{
    size_t count = s->list ? s->list->count : 0;
    /* A pin that asks for the panel comes every pin_every headlines; the
     * headline at index then comes after it. */
    const struct item *pin = scene_pins_for_featured(s, count > 0);
    if (count == 0 && !pin)
        return;
    played(s);
    s->featured_gen++;
    s->featured_since = since;
    scene_featured_clear(&s->previous);
    if (keep_previous) {
        s->previous = s->current;
        memset(&s->current, 0, sizeof s->current);
    }
    if (pin) {
        s->featured_index = count ? (index + count - 1) % count : SIZE_MAX;
        scene_featured_fill(s, &s->current, pin);
        s->current.pinned = true;
        return;
    }
    s->featured_index = index % count;
    if (s->upcoming.present && s->upcoming_index == s->featured_index) {
        scene_featured_clear(&s->current);
        s->current = s->upcoming;
        memset(&s->upcoming, 0, sizeof s->upcoming);
    } else {
        scene_featured_clear(&s->upcoming);
        scene_featured_fill(s, &s->current, &s->list->items[s->featured_index]);
    }
}

void scene_featured_advance(struct scene *s)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0) {
        /* No headline: a pin that asks for the panel stands there alone. */
        if (!s->current.present && scene_pins_featured_current(s))
            scene_featured_show(s, 0, s->now, false);
        return;
    }
    double period = s->settings.featured_seconds;
    if (!s->current.present) {
        scene_featured_show(s, 0, s->now, false);
        return;
    }
    double elapsed = s->now - s->featured_since;
    size_t base = s->featured_index == SIZE_MAX ? count - 1 : s->featured_index;
    if (elapsed < period) {
        if (s->previous.present && elapsed >= TRANSITION_SECONDS)
            scene_featured_clear(&s->previous);
        if (!s->upcoming.present && period - elapsed <= PREPARE_SECONDS) {
            s->upcoming_index = (base + 1) % count;
            scene_featured_fill(s, &s->upcoming, &s->list->items[s->upcoming_index]);
        }
        return;
    }
    double steps = floor(elapsed / period);
    size_t index = (base + (size_t)fmod(steps, (double)count)) % count;
    double since = s->featured_since + steps * period;
    if (steps > 1) {
        /* Jumped over whole periods (a screenshot far ahead): what was on
         * screen before the latest change is the item before it. */
        scene_featured_clear(&s->current);
        scene_featured_fill(s, &s->current, &s->list->items[(index + count - 1) % count]);
        s->featured_gen++;
    }
    scene_featured_show(s, index, since, s->now - since < TRANSITION_SECONDS);
}

void scene_featured_step(struct scene *s, double t, int step)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
    if (t > s->now)
        scene_advance(s, t);
    size_t base = s->featured_index == SIZE_MAX ? 0 : s->featured_index;
    size_t index = step >= 0 ? (base + (size_t)step) % count : (base + count - ((size_t)(-step) % count)) % count;
    scene_featured_show(s, index, s->now, s->current.present);
}

static struct scene_rect panel_columns(const struct layout *l, int from, int to)
{
    if (from < 0)
        from = 0;
    if (to > l->width)
        to = l->width;
    return (struct scene_rect){from, l->panel.y, to > from ? to - from : 0, l->panel.h};
}

int scene_wipe_bar_width(const struct scene *s)
{
    return 2 * s->layout.unit_px;
}

/* The change of item is a wipe: a bar in the new item's colour crosses the
 * panel from left to right, the new item drawn behind it, the old one still
 * ahead of it. Every pixel of the panel changes once, where the bar passes,
 * so a renderer that keeps its pixels redraws only the strip the bar crossed
 * since the last frame (a fade changes every pixel every frame: on the
 * software renderer that cost 30 times a crawl frame). */
bool scene_build_featured(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    s->wipe_edge = -1;
    s->pan = scene_panel_pan(s, &s->current, s->now - s->featured_since);
    if (!s->current.present) {
        static const char waiting[] = "Đang cập nhật tin tức" ELLIPSIS;
        const struct scene_font_metrics *m = metrics(s, SCENE_FONT_SUMMARY);
        return scene_op_text(f, SCENE_FONT_SUMMARY, waiting, l->panel_margin,
                             l->panel.y + l->panel.h / 2 + m->ascent / 2, color_summary, NULL);
    }
    double p = (s->now - s->featured_since) / TRANSITION_SECONDS;
    if (!s->previous.present || p >= 1) /* the very first item is simply there */
        return scene_build_featured_view(s, f, &s->current, &l->panel);
    if (p < 0)
        p = 0;
    double eased = p * p * (3 - 2 * p); /* smoothstep: starts and settles gently */
    int bar = scene_wipe_bar_width(s);
    int edge = (int)lround(eased * (l->width + bar));
    s->wipe_edge = edge;
    struct scene_rect behind = panel_columns(l, 0, edge - bar), ahead = panel_columns(l, edge, l->width);
    struct scene_rect strip = panel_columns(l, edge - bar, edge);
    bool ok = true;
    if (behind.w > 0)
        ok = scene_build_featured_view(s, f, &s->current, &behind);
    if (ok && ahead.w > 0)
        ok = scene_build_featured_view(s, f, &s->previous, &ahead);
    if (ok && strip.w > 0)
        ok = scene_op_rect(f, strip, scene_kind_color(s->current.kind), NULL);
    return ok;
}

/* The next featured item's texts, made before it shows; and during the
 * wipe the new item's, which the first frames (the bar not yet past the
 * panel's margin) do not draw: a text no frame uses is freed, and all of
 * them were made again in the one frame that first drew the item. */
bool scene_build_upcoming(struct scene *s, struct scene_frame *f)
{
    const struct featured_view *v = &s->upcoming;
    if (v->present && !scene_prefetch_featured(s, f, v))
        return false;
    return s->wipe_edge < 0 || !s->current.present || scene_prefetch_featured(s, f, &s->current);
}

/* How long until the next item: a thin bar along the panel's foot. */
bool scene_build_progress(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    if (!s->current.present)
        return true;
    double shown = (s->now - s->featured_since) / s->settings.featured_seconds;
    if (shown > 1)
        shown = 1;
    int h = l->unit_px / 2 > 0 ? l->unit_px / 2 : 1;
    int w = (int)lround(shown * l->width);
    /* Its whole row each frame: the bar shrinks when the item changes, and
     * the still part under it may not be redrawn then. */
    return scene_op_rect(f, (struct scene_rect){w, l->band_top - h, l->width - w, h}, color_background, NULL) &&
           scene_op_rect(f, (struct scene_rect){0, l->band_top - h, w, h}, scene_kind_color(s->current.kind), NULL);
}
