/* One featured item in the panel: where its picture, text, caption, source
 * line and QR code go, for landscape and portrait, and the ops that draw it
 * (see scene_parts.h).
 *
 * Landscape: the text on the left; a picture in a column on the right, its
 * caption under it, the QR code in the panel's bottom-right corner beside
 * the caption. Portrait: the picture across the top, its caption under it,
 * the text below; the QR code in the bottom-right corner, the source line
 * beside it. No picture: the text across the panel, narrowed by the QR
 * code's column when there is one. Pictures are drawn at the size they were
 * decoded to (scene_picture_box), never stretched; a tall one (an
 * infographic) is panned from top to bottom while it is on screen. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

#define PAN_HOLD_SECONDS 1.0 /* a panned picture rests this long at its top and at its foot */

void scene_panel_layout(struct scene *s)
{
    struct layout *l = &s->layout;
    int u = l->unit_px, m = l->panel_margin;
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    l->portrait = l->height > l->width;
    /* 28 units (280 px at 1080p): 18 cm on a 55-inch screen, which phones
     * read from 2 m (about ten times the code's width); with the quiet zone
     * a link of 100 bytes (version 7, 45 modules) gets 5 px modules. */
    l->qr_side = 28 * u;
    /* Below 160 px a link of 100 bytes gets modules under 3 px, which do
     * not read from across a room: small screens show no QR code. */
    l->qr_fits = l->qr_side >= 160;
    l->qr_block = l->qr_side + u + cf->line_height;
    l->qr_label_width = measure(s, SCENE_FONT_CAPTION, QR_LABEL);
    int top = l->panel.y + 4 * u, foot = l->band_top - 4 * u;
    if (l->portrait) {
        l->picture_column = l->width;
        l->picture_area = (struct scene_rect){m, top, l->width - 2 * m, (foot - top) * 2 / 5};
    } else {
        int column = (l->width - 2 * m) * 42 / 100;
        l->picture_column = l->width - m - column;
        int bottom =
            s->settings.qr_code && l->qr_fits ? foot - l->qr_block - 2 * u : foot - 2 * cf->line_height - 2 * u;
        l->picture_area = (struct scene_rect){l->picture_column, top, column, bottom - top};
    }
}

void scene_picture_box(const struct scene *s, int *width, int *height)
{
    *width = s->layout.picture_area.w;
    *height = s->layout.picture_area.h;
}

size_t scene_wanted_pictures(const struct scene *s, const char **urls, size_t max)
{
    size_t count = s->list ? s->list->count : 0, n = 0;
    if (!count || !s->settings.pictures)
        return 0;
    size_t base = s->featured_index == SIZE_MAX ? 0 : s->featured_index;
    for (size_t k = 0; k < 4 && k < count && n < max; k++) {
        const struct item *item = &s->list->items[(base + k) % count];
        if (item->picture_count && item->pictures[0].url && item->pictures[0].url[0])
            urls[n++] = item->pictures[0].url;
    }
    return n + scene_crawl_wanted(s, urls + n, max - n);
}

static bool is_web_link(const char *link)
{
    return link && (strncmp(link, "http://", 7) == 0 || strncmp(link, "https://", 8) == 0);
}

/* Where the decoded picture goes in its area: whole when it fits (it was
 * decoded to), else a pan window of the area's height over a tall one. */
static bool place_picture(const struct layout *l, int pw, int ph, struct panel_layout *pl)
{
    const struct scene_rect *a = &l->picture_area;
    if (pw <= 0 || ph <= 0 || pw > a->w || a->h <= 0)
        return false;
    int h = ph <= a->h ? ph : a->h;
    int x = l->portrait ? a->x + (a->w - pw) / 2 : a->x + (a->w - pw) / 2;
    pl->picture = (struct scene_rect){x, a->y, pw, h};
    pl->pan_height = ph > a->h ? ph : 0;
    return true;
}

static char *summary_prefix(const char *summary)
{
    size_t n = strlen(summary ? summary : "");
    if (n > SUMMARY_INPUT_LIMIT) {
        n = SUMMARY_INPUT_LIMIT;
        while (n > 0 && ((unsigned char)summary[n] & 0xC0) == 0x80)
            n--; /* never cut a character in two */
    }
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, summary ? summary : "", n);
        out[n] = '\0';
    }
    return out;
}

/* The QR code in the panel's bottom-right corner, its label under it. */
static void place_qr(const struct layout *l, int foot, int caption_ascent, struct panel_layout *pl)
{
    int u = l->unit_px, m = l->panel_margin, q = l->qr_side;
    pl->has_qr = true;
    pl->qr = (struct scene_rect){l->width - m - q, foot - l->qr_block, q, q};
    pl->qr_label_x = pl->qr.x + (q - l->qr_label_width) / 2;
    if (pl->qr_label_x + l->qr_label_width > l->width - m)
        pl->qr_label_x = l->width - m - l->qr_label_width;
    pl->qr_label_baseline = pl->qr.y + q + u + caption_ascent;
}

/* The text column and where the caption goes: under its picture, or in
 * the text column when there is no picture. */
static void place_text(const struct layout *l, int meta_top, struct panel_layout *pl)
{
    int u = l->unit_px, m = l->panel_margin;
    pl->text_x = m;
    pl->text_top = l->panel.y + 4 * u;
    pl->text_bottom = meta_top - 2 * u;
    if (l->portrait) {
        pl->text_w = l->width - 2 * m;
        if (pl->has_qr)
            pl->text_bottom = pl->qr.y - 2 * u;
        if (pl->has_picture) {
            pl->caption_x = pl->picture.x; /* under its picture */
            pl->caption_y = pl->picture.y + pl->picture.h + 2 * u;
            pl->caption_w = l->width - m - pl->caption_x - 2 * u;
        }
    } else if (pl->has_picture) {
        pl->text_w = l->picture_column - 4 * u - m;
        pl->caption_x = pl->picture.x; /* under its picture, beside the QR code */
        pl->caption_y = pl->picture.y + pl->picture.h + 2 * u;
        pl->caption_w = (pl->has_qr ? pl->qr.x - 3 * u : l->width - m) - pl->caption_x - 2 * u;
    } else {
        pl->text_w = l->width - 2 * m - (pl->has_qr ? l->qr_side + 4 * u : 0);
    }
    if (!pl->has_picture)
        pl->caption_w = pl->text_w - 2 * u;
}

/* The title gets the lines its room holds (under a portrait picture,
 * above the QR code, it may be fewer than the most), so it is cut with
 * an ellipsis rather than run into the code; at least one line. What room
 * the title leaves goes to the summary. */
static bool wrap_title_and_summary(struct scene *s, struct featured_view *v, const struct item *item)
{
    const struct layout *l = &s->layout;
    const struct panel_layout *pl = &v->pl;
    int u = l->unit_px;
    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int badge_block = bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * u;
    int title_lines = 1 + (pl->text_bottom - pl->text_top - badge_block - tf->ascent - tf->descent) /
                              (tf->line_height > 0 ? tf->line_height : 1);
    if (title_lines > l->title_lines_max)
        title_lines = l->title_lines_max;
    if (title_lines < 1)
        title_lines = 1;
    if (!scene_wrap_text(s, SCENE_FONT_FEATURED_TITLE, item->title, pl->text_w, title_lines, &v->title))
        return false;
    int used = badge_block + (int)v->title.count * tf->line_height + 3 * u;
    if (!pl->has_picture && v->caption.count)
        used += 2 * u + (int)v->caption.count * cf->line_height;
    int lines = (pl->text_bottom - pl->text_top - used) / (sf->line_height > 0 ? sf->line_height : 1);
    if (lines > l->summary_lines_max)
        lines = l->summary_lines_max;
    char *summary = summary_prefix(item->summary);
    bool ok =
        summary && (lines <= 0 || scene_wrap_text(s, SCENE_FONT_SUMMARY, summary, pl->text_w, lines, &v->summary));
    free(summary);
    return ok;
}

bool scene_featured_fill(struct scene *s, struct featured_view *v, const struct item *item)
{
    const struct layout *l = &s->layout;
    int u = l->unit_px, m = l->panel_margin;
    scene_featured_clear(v);
    v->present = true;
    v->kind = item->kind;
    v->id = strdup(item->id ? item->id : "");
    v->text = strdup(item->title ? item->title : "");
    v->meta = strdup(item->source ? item->source : "");
    v->link = strdup(s->settings.qr_code && l->qr_fits && is_web_link(item->link) ? item->link : "");
    if (!v->id || !v->text || !v->meta || !v->link)
        return false;
    struct panel_layout *pl = &v->pl;
    memset(pl, 0, sizeof *pl);
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    int foot = l->band_top - 4 * u;

    /* The picture, when it is decoded and ready: the layout is decided now,
     * once, so nothing moves if it arrives while the item is on screen. */
    const struct item_picture *picture = NULL;
    int pw = 0, ph = 0;
    if (s->settings.pictures && s->measure.picture_size && item->picture_count &&
        s->measure.picture_size(s->measure.context, item->pictures[0].url, &pw, &ph) && place_picture(l, pw, ph, pl)) {
        picture = &item->pictures[0];
        pl->has_picture = true;
    }
    v->picture = strdup(picture ? picture->url : "");
    if (!v->picture)
        return false;
    const char *caption = picture && picture->caption && picture->caption[0] ? picture->caption
                          : item->caption_count && item->captions[0][0] ? item->captions[0]
                                                                        : "";

    pl->meta_x = m;
    pl->meta_baseline = foot - cf->descent;
    if (v->link[0])
        place_qr(l, foot, cf->ascent, pl);
    place_text(l, foot - cf->line_height, pl);
    if (caption[0] && pl->caption_w > 0 &&
        !scene_wrap_text(s, SCENE_FONT_CAPTION, caption, pl->caption_w, 2, &v->caption))
        return false;
    if (l->portrait && pl->has_picture)
        pl->text_top = pl->caption_y + (int)v->caption.count * cf->line_height + 3 * u;
    return wrap_title_and_summary(s, v, item);
}

/* Badge, title, summary (and the caption when it sits in the text column). */
static int block_height(const struct scene *s, const struct featured_view *v)
{
    const struct layout *l = &s->layout;
    int u = l->unit_px;
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int h = bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * u +
            (int)v->title.count * metrics(s, SCENE_FONT_FEATURED_TITLE)->line_height + 3 * u +
            (int)v->summary.count * metrics(s, SCENE_FONT_SUMMARY)->line_height;
    if (!v->pl.has_picture && v->caption.count)
        h += 2 * u + (int)v->caption.count * metrics(s, SCENE_FONT_CAPTION)->line_height;
    return h;
}

static bool caption_ops(const struct scene *s, struct scene_frame *f, const struct featured_view *v, int x, int y,
                        const struct scene_rect *clip)
{
    const struct layout *l = &s->layout;
    int u = l->unit_px;
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    bool ok =
        scene_op_rect(f, (struct scene_rect){x, y, u / 2 > 0 ? u / 2 : 1, (int)v->caption.count * cf->line_height},
                      scene_kind_color(v->kind), clip);
    for (size_t i = 0; ok && i < v->caption.count; i++)
        ok = scene_op_text(f, SCENE_FONT_CAPTION, v->caption.lines[i], x + 2 * u,
                           y + cf->ascent + (int)i * cf->line_height, color_caption, clip);
    return ok;
}

/* The pan: rest at the top, move down at an even pace, rest at the foot. */
static int pan_offset(const struct scene *s, const struct featured_view *v, double shown)
{
    int travel = v->pl.pan_height - v->pl.picture.h;
    if (travel <= 0)
        return 0;
    double span = s->settings.featured_seconds - TRANSITION_SECONDS - 2 * PAN_HOLD_SECONDS;
    if (shown < 0 || span <= 0)
        return travel; /* an item on its way out keeps its last view */
    double p = (shown - TRANSITION_SECONDS - PAN_HOLD_SECONDS) / span;
    p = p < 0 ? 0 : p > 1 ? 1 : p;
    return (int)lround(p * travel);
}

int scene_panel_pan(const struct scene *s, const struct featured_view *v, double shown)
{
    return v->pl.has_picture ? pan_offset(s, v, shown) : 0;
}

bool scene_build_featured_view(const struct scene *s, struct scene_frame *f, const struct featured_view *v,
                               const struct scene_rect *clip)
{
    const struct layout *l = &s->layout;
    const struct panel_layout *pl = &v->pl;
    int u = l->unit_px;
    bool ok = true;
    if (pl->has_picture) {
        struct scene_op *op = scene_push_op(f, SCENE_OP_PICTURE);
        if (!op)
            return false;
        op->text = v->picture;
        op->rect = pl->picture;
        op->src_y = scene_panel_pan(s, v, v == &s->current ? s->now - s->featured_since : -1);
        op->clipped = clip != NULL;
        if (clip)
            op->clip = *clip;
        if (v->caption.count)
            ok = caption_ops(s, f, v, pl->caption_x, pl->caption_y, clip);
    }
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int x = pl->text_x;
    int spare = pl->text_bottom - pl->text_top - block_height(s, v);
    int y = pl->text_top + (spare > 0 ? spare / 2 : 0) + l->badge_pad_y + bf->ascent;
    if (v->pinned)
        ok = ok && scene_op_label_badge(s, f, SCENE_FONT_BADGE, PIN_LABEL, color_accent, color_band_text, x, y,
                                        s->pin_badge_widths[0], clip);
    else
        ok = ok && scene_op_badge(s, f, SCENE_FONT_BADGE, v->kind, x, y,
                                  scene_badge_width(s, SCENE_FONT_BADGE, v->kind), clip);
    y += bf->descent + l->badge_pad_y + 3 * u;
    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    for (size_t i = 0; ok && i < v->title.count; i++)
        ok = scene_op_text(f, SCENE_FONT_FEATURED_TITLE, v->title.lines[i], x,
                           y + tf->ascent + (int)i * tf->line_height, color_white, clip);
    y += (int)v->title.count * tf->line_height + 3 * u;
    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    for (size_t i = 0; ok && i < v->summary.count; i++)
        ok = scene_op_text(f, SCENE_FONT_SUMMARY, v->summary.lines[i], x, y + sf->ascent + (int)i * sf->line_height,
                           color_summary, clip);
    y += (int)v->summary.count * sf->line_height + 2 * u;
    if (ok && !pl->has_picture && v->caption.count)
        ok = caption_ops(s, f, v, x, y, clip);
    if (ok && v->meta[0])
        ok = scene_op_text(f, SCENE_FONT_CAPTION, v->meta, pl->meta_x, pl->meta_baseline, color_caption, clip);
    if (ok && pl->has_qr) {
        struct scene_op *op = scene_push_op(f, SCENE_OP_QR);
        if (!op)
            return false;
        op->text = v->link;
        op->rect = pl->qr;
        op->clipped = clip != NULL;
        if (clip)
            op->clip = *clip;
        ok = scene_op_text(f, SCENE_FONT_CAPTION, QR_LABEL, pl->qr_label_x, pl->qr_label_baseline, color_caption, clip);
    }
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

bool scene_prefetch_featured(const struct scene *s, struct scene_frame *f, const struct featured_view *v)
{
    (void)s;
    return scene_prefetch(f, SCENE_FONT_BADGE, scene_kind_label(v->kind), color_white) &&
           prefetch_block(f, SCENE_FONT_FEATURED_TITLE, &v->title, color_white) &&
           prefetch_block(f, SCENE_FONT_SUMMARY, &v->summary, color_summary) &&
           prefetch_block(f, SCENE_FONT_CAPTION, &v->caption, color_caption) &&
           (!v->meta[0] || scene_prefetch(f, SCENE_FONT_CAPTION, v->meta, color_caption));
}
