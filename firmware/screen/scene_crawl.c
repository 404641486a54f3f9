/* The crawl: entries placed ahead of the band's right edge, scrolled by
 * whole pixels, dropped once past its left (see scene_parts.h). */
#include <stdlib.h>
#include <string.h>

#include "screen/scene_parts.h"

void scene_entry_free(struct crawl_entry *e)
{
    free(e->id);
    free(e->title);
}

static bool crawl_push(struct scene *s)
{
    const struct item *item = &s->list->items[s->next_index];
    if (s->entry_count == s->entry_capacity) {
        size_t cap = s->entry_capacity ? s->entry_capacity * 2 : 16;
        struct crawl_entry *grown = realloc(s->entries, cap * sizeof *grown);
        if (!grown)
            return false;
        s->entries = grown;
        s->entry_capacity = cap;
    }
    struct crawl_entry e = {0};
    e.id = strdup(item->id ? item->id : "");
    e.title = strdup(item->title ? item->title : "");
    if (!e.id || !e.title) {
        scene_entry_free(&e);
        return false;
    }
    e.kind = item->kind;
    const struct layout *l = &s->layout;
    e.badge_width = scene_badge_width(s, SCENE_FONT_CRAWL_BADGE, e.kind);
    e.title_width = measure(s, SCENE_FONT_CRAWL, e.title);
    e.width = e.badge_width + l->crawl_gap + e.title_width + 2 * l->crawl_gap + s->bullet_width + 2 * l->crawl_gap;
    if (!s->has_next_begin) {
        s->next_begin = s->offset;
        s->has_next_begin = true;
    }
    e.begin = s->next_begin;
    s->next_begin += e.width;
    s->entries[s->entry_count++] = e;
    s->next_index = (s->next_index + 1) % s->list->count;
    return true;
}

static void crawl_drop_passed(struct scene *s)
{
    size_t drop = 0;
    while (drop < s->entry_count && s->entries[drop].begin + s->entries[drop].width <= s->offset)
        scene_entry_free(&s->entries[drop++]);
    if (drop) {
        memmove(s->entries, s->entries + drop, (s->entry_count - drop) * sizeof *s->entries);
        s->entry_count -= drop;
    }
}

void scene_crawl_update(struct scene *s)
{
    crawl_drop_passed(s);
    if (!s->list || s->list->count == 0)
        return;
    /* Placed (and so measured and, by the renderer, prepared) half a screen
     * before they scroll in: textures exist for what is visible or about to
     * be. After a jump in time the stories that went by meanwhile are placed
     * and dropped in turn, so the crawl at t is the same however t was reached. */
    const struct layout *l = &s->layout;
    int64_t horizon = s->offset + (l->width - l->crawl_left) + l->width / 2;
    while (!s->has_next_begin || s->next_begin < horizon) {
        if (!crawl_push(s))
            return;
        if (s->entry_count > 256)
            crawl_drop_passed(s);
    }
    crawl_drop_passed(s);
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
            struct scene_op *a = scene_push_op(f, SCENE_OP_PREFETCH), *b = a ? scene_push_op(f, SCENE_OP_PREFETCH) : NULL;
            if (!b)
                return false;
            a->font = SCENE_FONT_CRAWL;
            a->text = e->title;
            a->color = color_band_text;
            b->font = SCENE_FONT_CRAWL_BADGE;
            b->text = scene_kind_label(e->kind);
            b->color = color_white;
            continue;
        }
        ok = scene_op_badge(s, f, SCENE_FONT_CRAWL_BADGE, e->kind, x, l->crawl_baseline, e->badge_width, NULL);
        int tx = x + e->badge_width + l->crawl_gap;
        ok = ok && scene_op_text(f, SCENE_FONT_CRAWL, e->title, tx, l->crawl_baseline, color_band_text, NULL);
        ok = ok && scene_op_text(f, SCENE_FONT_CRAWL, BULLET, tx + e->title_width + 2 * l->crawl_gap, l->crawl_baseline,
                           color_label, NULL);
    }
    /* The fixed label covers entries as they leave at the left. */
    ok = ok && scene_op_rect(f, (struct scene_rect){0, l->band_top, l->label_width, l->band_height}, color_label, NULL);
    ok = ok && scene_op_text(f, SCENE_FONT_CRAWL_BADGE, CRAWL_LABEL, 3 * l->unit_px, l->crawl_baseline, color_white, NULL);
    return ok;
}
