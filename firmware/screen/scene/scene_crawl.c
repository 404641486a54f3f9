/* The crawl: entries placed ahead of the band's right edge, scrolled by
 * whole pixels, dropped once past its left (see scene_parts.h). With crawl
 * thumbnails, an entry whose picture's thumbnail is decoded when it is
 * placed starts with it; one whose thumbnail is not there yet is placed
 * without it (and without a gap), so nothing moves when it arrives. */
#include <stdlib.h>
#include <string.h>

#include "base/picture_mailbox.h"
#include "base/array.h"
#include "screen/scene/scene_parts.h"

#define THUMBNAILS_AHEAD 4 /* the headlines placed next whose thumbnails are wished for */

void scene_entry_free(struct crawl_entry *e)
{
    free(e->id);
    free(e->title);
    free(e->thumbnail);
    free(e->source);
}

void scene_crawl_free_keys(struct scene *s)
{
    for (size_t i = 0; s->thumbnail_keys && i < s->thumbnail_key_count; i++)
        free(s->thumbnail_keys[i]);
    free(s->thumbnail_keys);
    s->thumbnail_keys = NULL;
    s->thumbnail_key_count = 0;
}

void scene_thumbnail_box(const struct scene *s, int *width, int *height)
{
    *width = s->layout.thumbnail_w;
    *height = s->layout.thumbnail_h;
}

/* Made once per list, not per frame: the keys the wish and the entries use. */
bool scene_crawl_set_keys(struct scene *s)
{
    scene_crawl_free_keys(s);
    if (!s->layout.thumbnail_h || !s->list || !s->list->count)
        return true;
    s->thumbnail_keys = calloc(s->list->count, sizeof *s->thumbnail_keys);
    if (!s->thumbnail_keys)
        return false;
    s->thumbnail_key_count = s->list->count;
    for (size_t i = 0; i < s->list->count; i++) {
        const struct item *item = &s->list->items[i];
        if (item->picture_count && item->pictures[0].url && item->pictures[0].url[0])
            s->thumbnail_keys[i] = picture_thumbnail_key(item->pictures[0].url);
    }
    return true;
}

size_t scene_crawl_wanted(const struct scene *s, const char **keys, size_t max)
{
    size_t n = 0, count = s->thumbnail_key_count;
    if (!s->thumbnail_keys || !count)
        return 0;
    for (size_t k = 0; k < THUMBNAILS_AHEAD && k < count && n < max; k++) {
        const char *key = s->thumbnail_keys[(s->next_index + k) % count];
        if (key)
            keys[n++] = key;
    }
    for (size_t i = 0; i < s->entry_count && n < max; i++)
        if (s->entries[i].thumbnail && !s->entries[i].thumbnail_w)
            keys[n++] = s->entries[i].thumbnail;
    return n;
}

/* The thumbnail as drawn: its decoded size, cut to the box's height (a
 * tall picture shows its top). */
static void place_thumbnail(const struct scene *s, struct crawl_entry *e)
{
    int w, h;
    const struct layout *l = &s->layout;
    if (!e->thumbnail || !s->measure.picture_size || !s->measure.picture_size(s->measure.context, e->thumbnail, &w, &h))
        return;
    if (w <= 0 || h <= 0 || w > l->thumbnail_w)
        return;
    e->thumbnail_w = w;
    e->thumbnail_h = h < l->thumbnail_h ? h : l->thumbnail_h;
}

bool scene_crawl_make(struct scene *s, const struct item *item, const char *thumbnail_key, bool pinned,
                      struct crawl_entry *e)
{
    memset(e, 0, sizeof *e);
    e->pinned = pinned;
    e->id = strdup(item->id ? item->id : "");
    e->title = strdup(item->title ? item->title : "");
    e->source = strdup(item->source ? item->source : "");
    if (!e->id || !e->title || !e->source) {
        scene_entry_free(e);
        return false;
    }
    e->kind = item->kind;
    const struct layout *l = &s->layout;
    if (thumbnail_key) {
        if (!(e->thumbnail = strdup(thumbnail_key))) {
            scene_entry_free(e);
            return false;
        }
        place_thumbnail(s, e);
    }
    e->badge_width = pinned ? s->pin_badge_widths[1] : scene_badge_width(s, SCENE_FONT_CRAWL_BADGE, e->kind);
    e->title_width = measure(s, SCENE_FONT_CRAWL, e->title);
    e->width = (e->thumbnail_w ? e->thumbnail_w + l->crawl_gap : 0) + e->badge_width + l->crawl_gap + e->title_width +
               2 * l->crawl_gap + s->bullet_width + 2 * l->crawl_gap;
    return true;
}

bool scene_crawl_place(struct scene *s, struct crawl_entry *e)
{
    if (!ARRAY_GROW(s->entries, s->entry_capacity, s->entry_count + 1, 16)) {
        scene_entry_free(e);
        return false;
    }
    if (!s->has_next_begin) {
        s->next_begin = s->offset;
        s->has_next_begin = true;
    }
    e->begin = s->next_begin;
    s->next_begin += e->width;
    s->entries[s->entry_count++] = *e;
    return true;
}

/* The next headline of the list, or a current pin when one is due. */
static bool crawl_push(struct scene *s)
{
    bool headlines = s->list && s->list->count;
    const struct item *pin = scene_pins_for_crawl(s, headlines);
    if (!pin && !headlines)
        return false;
    const struct item *item = pin ? pin : &s->list->items[s->next_index];
    const char *key = !pin && s->thumbnail_keys ? s->thumbnail_keys[s->next_index] : NULL;
    struct crawl_entry e;
    if (!scene_crawl_make(s, item, key, pin != NULL, &e) || !scene_crawl_place(s, &e))
        return false;
    if (pin) {
        s->crawl_since_pin = 0;
    } else {
        s->crawl_since_pin++;
        s->next_index = (s->next_index + 1) % s->list->count;
    }
    return true;
}

/* An entry dropped past the band's left has had one whole pass: it is
 * said for the proof of play. */
void scene_crawl_drop_passed(struct scene *s)
{
    size_t drop = 0;
    while (drop < s->entry_count && s->entries[drop].begin + s->entries[drop].width <= s->offset) {
        struct crawl_entry *e = &s->entries[drop++];
        scene_play_add(s, SCENE_PLAY_CRAWL, e->id, e->title, e->source, scene_crawl_entered(s, e), s->now);
        scene_entry_free(e);
    }
    if (drop) {
        memmove(s->entries, s->entries + drop, (s->entry_count - drop) * sizeof *s->entries);
        s->entry_count -= drop;
    }
}

int64_t scene_crawl_horizon(const struct scene *s)
{
    const struct layout *l = &s->layout;
    return s->offset + (l->width - l->crawl_left) + l->width / 2;
}

void scene_crawl_update(struct scene *s)
{
    if (s->settings.group) {
        scene_group_crawl_update(s);
        return;
    }
    scene_crawl_drop_passed(s);
    if ((!s->list || s->list->count == 0) && !s->pins_current)
        return;
    /* Placed (and so measured and, by the renderer, prepared) half a screen
     * before they scroll in: textures exist for what is visible or about to
     * be. After a jump in time the stories that went by meanwhile are placed
     * and dropped in turn, so the crawl at t is the same however t was reached. */
    int64_t horizon = scene_crawl_horizon(s);
    while (!s->has_next_begin || s->next_begin < horizon) {
        if (!crawl_push(s))
            return;
        if (s->entry_count > 256)
            scene_crawl_drop_passed(s);
    }
    scene_crawl_drop_passed(s);
}

bool scene_crawl_entry(const struct scene *s, size_t i, const char **id, int *x, int *width)
{
    if (i >= s->entry_count)
        return false;
    *id = s->entries[i].id;
    *x = entry_x(s, &s->entries[i]);
    *width = s->entries[i].width;
    return true;
}

bool scene_build_crawl(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    bool ok = scene_op_rect(f, (struct scene_rect){0, l->band_top, l->width, l->band_height}, color_band, NULL);
    for (size_t i = 0; ok && i < s->entry_count; i++) {
        const struct crawl_entry *e = &s->entries[i];
        int x = entry_x(s, e);
        if (x >= l->width) {
            /* About to scroll in: have its texts ready before it shows. */
            struct scene_op *a = scene_push_op(f, SCENE_OP_PREFETCH),
                            *b = a ? scene_push_op(f, SCENE_OP_PREFETCH) : NULL;
            if (!b)
                return false;
            a->font = SCENE_FONT_CRAWL;
            a->text = e->title;
            a->color = color_band_text;
            b->font = SCENE_FONT_CRAWL_BADGE;
            b->text = e->pinned ? PIN_LABEL : scene_kind_label(e->kind);
            b->color = e->pinned ? color_band_text : color_white;
            continue;
        }
        if (e->thumbnail_w) {
            struct scene_op *p = scene_push_op(f, SCENE_OP_PICTURE);
            if (!p)
                return false;
            p->text = e->thumbnail;
            p->rect = (struct scene_rect){x, l->band_top + (l->band_height - e->thumbnail_h) / 2, e->thumbnail_w,
                                          e->thumbnail_h};
            x += e->thumbnail_w + l->crawl_gap;
        }
        if (e->pinned)
            ok = scene_op_label_badge(s, f, SCENE_FONT_CRAWL_BADGE, PIN_LABEL, color_accent, color_band_text, x,
                                      l->crawl_baseline, e->badge_width, NULL);
        else
            ok = scene_op_badge(s, f, SCENE_FONT_CRAWL_BADGE, e->kind, x, l->crawl_baseline, e->badge_width, NULL);
        int tx = x + e->badge_width + l->crawl_gap;
        ok = ok && scene_op_text(f, SCENE_FONT_CRAWL, e->title, tx, l->crawl_baseline, color_band_text, NULL);
        ok = ok && scene_op_text(f, SCENE_FONT_CRAWL, BULLET, tx + e->title_width + 2 * l->crawl_gap, l->crawl_baseline,
                           color_label, NULL);
    }
    /* The fixed label covers entries as they leave at the left. */
    ok = ok && scene_op_rect(f, (struct scene_rect){0, l->band_top, l->label_width, l->band_height}, color_label, NULL);
    ok = ok &&
         scene_op_text(f, SCENE_FONT_CRAWL_BADGE, CRAWL_LABEL, 3 * l->unit_px, l->crawl_baseline, color_white, NULL);
    return ok;
}
