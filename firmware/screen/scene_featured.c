/* The featured panel: which item is shown when, its transition, the next
 * item laid out ahead, the progress bar (see scene_parts.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene_parts.h"

void scene_featured_clear(struct featured_view *v)
{
    free(v->id);
    free(v->meta);
    scene_block_clear(&v->title);
    scene_block_clear(&v->summary);
    scene_block_clear(&v->caption);
    memset(v, 0, sizeof *v);
}

static bool featured_fill(struct scene *s, struct featured_view *v, const struct item *item)
{
    const struct layout *l = &s->layout;
    scene_featured_clear(v);
    int width = l->width - 2 * l->panel_margin;
    v->present = true;
    v->kind = item->kind;
    v->id = strdup(item->id ? item->id : "");
    v->meta = strdup(item->source ? item->source : "");
    if (!v->id || !v->meta)
        return false;
    if (!scene_wrap_text(s, SCENE_FONT_FEATURED_TITLE, item->title, width, l->title_lines_max, &v->title))
        return false;

    char summary[SUMMARY_INPUT_LIMIT + 1];
    size_t n = strlen(item->summary ? item->summary : "");
    if (n > SUMMARY_INPUT_LIMIT) {
        n = SUMMARY_INPUT_LIMIT;
        while (n > 0 && ((unsigned char)item->summary[n] & 0xC0) == 0x80)
            n--; /* never cut a character in two */
    }
    memcpy(summary, item->summary ? item->summary : "", n);
    summary[n] = '\0';

    /* What room the title leaves goes to the summary, then the caption. */
    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int used = 4 * l->unit_px + bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * l->unit_px +
               (int)v->title.count * tf->line_height + 3 * l->unit_px;
    bool has_caption = item->caption_count > 0 && item->captions[0][0];
    int caption_room = has_caption ? cf->line_height * 2 + 2 * l->unit_px : 0;
    int meta_room = v->meta[0] ? cf->line_height + 2 * l->unit_px : 0;
    int room = l->panel.h - used - caption_room - meta_room - 2 * l->unit_px;
    int summary_lines = room / (sf->line_height > 0 ? sf->line_height : 1);
    if (summary_lines > l->summary_lines_max)
        summary_lines = l->summary_lines_max;
    if (summary_lines > 0 && !scene_wrap_text(s, SCENE_FONT_SUMMARY, summary, width, summary_lines, &v->summary))
        return false;
    if (has_caption && !scene_wrap_text(s, SCENE_FONT_CAPTION, item->captions[0], width - 2 * l->unit_px, 2, &v->caption))
        return false;
    return true;
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

void scene_featured_show(struct scene *s, size_t index, double since, bool keep_previous)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
    s->featured_gen++;
    s->featured_index = index % count;
    s->featured_since = since;
    scene_featured_clear(&s->previous);
    if (keep_previous) {
        s->previous = s->current;
        memset(&s->current, 0, sizeof s->current);
    }
    if (s->upcoming.present && s->upcoming_index == s->featured_index) {
        scene_featured_clear(&s->current);
        s->current = s->upcoming;
        memset(&s->upcoming, 0, sizeof s->upcoming);
    } else {
        scene_featured_clear(&s->upcoming);
        featured_fill(s, &s->current, &s->list->items[s->featured_index]);
    }
}

void scene_featured_advance(struct scene *s)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
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
            featured_fill(s, &s->upcoming, &s->list->items[s->upcoming_index]);
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
        featured_fill(s, &s->current, &s->list->items[(index + count - 1) % count]);
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

/* Badge, title, summary and caption, from the badge's top to the caption's foot. */
static int featured_block_height(const struct scene *s, const struct featured_view *v)
{
    const struct layout *l = &s->layout;
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int u = l->unit_px;
    return bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * u +
           (int)v->title.count * metrics(s, SCENE_FONT_FEATURED_TITLE)->line_height + 3 * u +
           (int)v->summary.count * metrics(s, SCENE_FONT_SUMMARY)->line_height + 2 * u +
           (int)v->caption.count * metrics(s, SCENE_FONT_CAPTION)->line_height;
}

static bool build_featured_view(const struct scene *s, struct scene_frame *f, const struct featured_view *v,
                                const struct scene_rect *clip)
{
    const struct layout *l = &s->layout;
    int u = l->unit_px;
    int x = l->panel_margin;
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    const struct scene_font_metrics *cf0 = metrics(s, SCENE_FONT_CAPTION);
    /* The block sits in the middle of the room above the source line. */
    int room = l->panel.h - 4 * u - (cf0->line_height + 4 * u);
    int spare = room - featured_block_height(s, v);
    int y = l->panel.y + 4 * u + (spare > 0 ? spare / 2 : 0) + l->badge_pad_y + bf->ascent;
    bool ok = scene_op_badge(s, f, SCENE_FONT_BADGE, v->kind, x, y, scene_badge_width(s, SCENE_FONT_BADGE, v->kind), clip);
    y += bf->descent + l->badge_pad_y + 3 * u;

    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    for (size_t i = 0; ok && i < v->title.count; i++)
        ok = scene_op_text(f, SCENE_FONT_FEATURED_TITLE, v->title.lines[i], x, y + tf->ascent + (int)i * tf->line_height,
                     color_white, clip);
    y += (int)v->title.count * tf->line_height + 3 * u;

    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    for (size_t i = 0; ok && i < v->summary.count; i++)
        ok = scene_op_text(f, SCENE_FONT_SUMMARY, v->summary.lines[i], x, y + sf->ascent + (int)i * sf->line_height,
                     color_summary, clip);
    y += (int)v->summary.count * sf->line_height + 2 * u;

    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    if (ok && v->caption.count) {
        ok = scene_op_rect(f, (struct scene_rect){x, y, u / 2 > 0 ? u / 2 : 1, (int)v->caption.count * cf->line_height},
                     scene_kind_color(v->kind), clip);
        for (size_t i = 0; ok && i < v->caption.count; i++)
            ok = scene_op_text(f, SCENE_FONT_CAPTION, v->caption.lines[i], x + 2 * u,
                         y + cf->ascent + (int)i * cf->line_height, color_caption, clip);
    }
    if (ok && v->meta[0])
        ok = scene_op_text(f, SCENE_FONT_CAPTION, v->meta, x, l->band_top - 2 * u - 2 * u - cf->descent, color_caption, clip);
    return ok;
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
    if (!s->current.present) {
        static const char waiting[] = "Đang cập nhật tin tức" ELLIPSIS;
        const struct scene_font_metrics *m = metrics(s, SCENE_FONT_SUMMARY);
        return scene_op_text(f, SCENE_FONT_SUMMARY, waiting, l->panel_margin, l->panel.y + l->panel.h / 2 + m->ascent / 2,
                       color_summary, NULL);
    }
    double p = (s->now - s->featured_since) / TRANSITION_SECONDS;
    if (!s->previous.present || p >= 1) /* the very first item is simply there */
        return build_featured_view(s, f, &s->current, &l->panel);
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
        ok = build_featured_view(s, f, &s->current, &behind);
    if (ok && ahead.w > 0)
        ok = build_featured_view(s, f, &s->previous, &ahead);
    if (ok && strip.w > 0)
        ok = scene_op_rect(f, strip, scene_kind_color(s->current.kind), NULL);
    return ok;
}

static bool prefetch_block(struct scene_frame *f, enum scene_font font, const struct text_block *b,
                           struct scene_color color)
{
    for (size_t i = 0; i < b->count; i++)
        if (!scene_prefetch(f, font, b->lines[i], color))
            return false;
    return true;
}

/* The next featured item's texts, made before it shows. */
bool scene_build_upcoming(struct scene *s, struct scene_frame *f)
{
    const struct featured_view *v = &s->upcoming;
    if (!v->present)
        return true;
    return scene_prefetch(f, SCENE_FONT_BADGE, scene_kind_label(v->kind), color_white) &&
           prefetch_block(f, SCENE_FONT_FEATURED_TITLE, &v->title, color_white) &&
           prefetch_block(f, SCENE_FONT_SUMMARY, &v->summary, color_summary) &&
           prefetch_block(f, SCENE_FONT_CAPTION, &v->caption, color_caption) &&
           (!v->meta[0] || scene_prefetch(f, SCENE_FONT_CAPTION, v->meta, color_caption));
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
