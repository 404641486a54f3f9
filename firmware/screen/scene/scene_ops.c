/* The frame's op list: rectangles, texts, kind badges, prefetches (see scene_parts.h). */
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

#include "base/array.h"

struct scene_op *scene_push_op(struct scene_frame *f, enum scene_op_kind kind)
{
    if (!ARRAY_GROW(f->ops, f->capacity, f->count + 1, 64))
            return NULL;
    struct scene_op *op = &f->ops[f->count++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

bool scene_op_rect(struct scene_frame *f, struct scene_rect r, struct scene_color c, const struct scene_rect *clip)
{
    struct scene_op *op = scene_push_op(f, SCENE_OP_RECT);
    if (!op)
        return false;
    op->rect = r;
    op->color = c;
    if (clip) {
        op->clipped = true;
        op->clip = *clip;
    }
    return true;
}

bool scene_op_text(struct scene_frame *f, enum scene_font font, const char *text, int x, int baseline,
                    struct scene_color c, const struct scene_rect *clip)
{
    if (!text[0])
        return true;
    struct scene_op *op = scene_push_op(f, SCENE_OP_TEXT);
    if (!op)
        return false;
    op->font = font;
    op->text = text;
    op->rect = (struct scene_rect){x, baseline, 0, 0};
    op->color = c;
    if (clip) {
        op->clipped = true;
        op->clip = *clip;
    }
    return true;
}

/* A coloured box whose label sits on the given baseline. */
bool scene_op_label_badge(const struct scene *s, struct scene_frame *f, enum scene_font font, const char *label,
                          struct scene_color back, struct scene_color ink, int x, int baseline, int width,
                          const struct scene_rect *clip)
{
    const struct scene_font_metrics *m = metrics(s, font);
    const struct layout *l = &s->layout;
    struct scene_rect box = {x, baseline - m->ascent - l->badge_pad_y, width,
                             m->ascent + m->descent + 2 * l->badge_pad_y};
    return scene_op_rect(f, box, back, clip) && scene_op_text(f, font, label, x + l->badge_pad_x, baseline, ink, clip);
}

bool scene_op_badge(const struct scene *s, struct scene_frame *f, enum scene_font font, enum item_kind kind, int x,
                    int baseline, int width, const struct scene_rect *clip)
{
    return scene_op_label_badge(s, f, font, scene_kind_label(kind), scene_kind_color(kind), color_white, x, baseline,
                                width, clip);
}

/* Measured at scene_create: a badge is drawn every frame and must not be
 * shaped again each time. */
int scene_badge_width(const struct scene *s, enum scene_font font, enum item_kind kind)
{
    if ((unsigned)kind >= ITEM_KIND_COUNT)
        kind = ITEM_NEWS;
    return s->badge_widths[font == SCENE_FONT_CRAWL_BADGE][kind];
}

bool scene_prefetch(struct scene_frame *f, enum scene_font font, const char *text, struct scene_color color)
{
    struct scene_op *op = scene_push_op(f, SCENE_OP_PREFETCH);
    if (!op)
        return false;
    op->font = font;
    op->text = text;
    op->color = color;
    return true;
}
