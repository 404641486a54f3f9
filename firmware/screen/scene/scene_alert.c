/* An alert: kept out of the featured rotation and the crawl, chosen by
 * severity and the wall clock, drawn over everything (extreme, severe) or
 * as a full-width band in the featured panel's place (moderate, minor,
 * unknown),
 * its type the largest that fits (see scene_parts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

static const struct scene_color color_alert_red = {183, 28, 28, 255};
static const struct scene_color color_alert_amber = {255, 179, 0, 255};
static const struct scene_color color_alert_ink = {10, 26, 51, 255}; /* on amber */

#define ALERT_BODY_INPUT_LIMIT 1200 /* bytes of body worth wrapping: the rest never fits */

void scene_alert_clear(struct scene *s)
{
    struct alert_view *v = &s->alert;
    free(v->id);
    free(v->text);
    free(v->source);
    free(v->footer);
    scene_block_clear(&v->title);
    scene_block_clear(&v->body);
    memset(v, 0, sizeof *v);
    item_list_destroy(s->alerts);
    s->alerts = NULL;
}

static bool full_screen_severity(enum item_severity severity)
{
    return severity >= ITEM_SEVERITY_SEVERE;
}

static const char *label_for(enum item_severity severity)
{
    return severity == ITEM_SEVERITY_EXTREME ? "KHẨN CẤP" : severity == ITEM_SEVERITY_SEVERE ? "CẢNH BÁO" : "THÔNG BÁO";
}

/* The alert to show at wall: the most severe, then the newest. */
static const struct item *choose(const struct scene *s, int64_t wall, size_t *current)
{
    const struct item *best = NULL;
    *current = 0;
    for (size_t i = 0; s->alerts && i < s->alerts->count; i++) {
        const struct item *a = &s->alerts->items[i];
        if (!item_alert_active(a, wall))
            continue;
        (*current)++;
        if (!best || a->severity > best->severity ||
            (a->severity == best->severity && a->published > best->published))
            best = a;
    }
    return best;
}

/* Title and body wrapped at the largest pair of sizes at which both fit
 * whole in height; the smallest pair, cut with an ellipsis, when none does.
 * Returns the height used, or -1 on OOM. */
static int fit_text(struct scene *s, struct alert_view *v, const struct item *a, int width, int height)
{
    static const enum scene_font titles[] = {SCENE_FONT_ALERT_TITLE_1, SCENE_FONT_ALERT_TITLE_2,
                                             SCENE_FONT_ALERT_TITLE_3, SCENE_FONT_ALERT_TITLE_4};
    static const enum scene_font bodies[] = {SCENE_FONT_ALERT_BODY_1, SCENE_FONT_ALERT_BODY_1,
                                             SCENE_FONT_ALERT_BODY_2, SCENE_FONT_ALERT_BODY_3};
    char body[ALERT_BODY_INPUT_LIMIT + 1];
    size_t n = strlen(a->summary);
    if (n > ALERT_BODY_INPUT_LIMIT) {
        n = ALERT_BODY_INPUT_LIMIT;
        while (n > 0 && ((unsigned char)a->summary[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(body, a->summary, n);
    body[n] = '\0';
    int gap = 2 * s->layout.unit_px;
    size_t steps = sizeof titles / sizeof *titles;
    for (size_t i = 0; i < steps; i++) {
        bool last = i + 1 == steps;
        int tl = metrics(s, titles[i])->line_height, bl = metrics(s, bodies[i])->line_height;
        int title_lines = tl > 0 ? height / tl : 0;
        if (title_lines < 1)
            title_lines = 1;
        scene_block_clear(&v->title);
        scene_block_clear(&v->body);
        /* One line more than allowed shows whether the whole text fits. */
        if (!scene_wrap_text(s, titles[i], a->title, width, last ? title_lines : title_lines + 1, &v->title))
            return -1;
        if ((int)v->title.count > title_lines)
            continue;
        int used = (int)v->title.count * tl;
        int body_lines = body[0] && bl > 0 ? (height - used - gap) / bl : 0;
        if (body_lines > 0 &&
            !scene_wrap_text(s, bodies[i], body, width, last ? body_lines : body_lines + 1, &v->body))
            return -1;
        if (!last && body[0] && (body_lines < 1 || (int)v->body.count > body_lines))
            continue;
        v->title_font = titles[i];
        v->body_font = bodies[i];
        return used + (v->body.count ? gap + (int)v->body.count * bl : 0);
    }
    return -1;
}

static bool lay_out(struct scene *s, const struct item *a)
{
    const struct layout *l = &s->layout;
    struct alert_view *v = &s->alert;
    free(v->id);
    free(v->text);
    free(v->source);
    free(v->footer);
    v->id = strdup(a->id);
    v->text = strdup(a->title);
    v->source = strdup(a->source);
    v->present = true;
    v->severity = a->severity;
    v->full_screen = full_screen_severity(a->severity);
    char until[64] = "";
    if (a->expires) {
        time_t t = (time_t)a->expires;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(until, sizeof until, " · hiệu lực đến %H:%M %d/%m", &tm);
    }
    size_t size = strlen(a->source) + sizeof until;
    v->footer = malloc(size);
    if (!v->id || !v->text || !v->source || !v->footer)
        return false;
    snprintf(v->footer, size, "%s%s", a->source, until);
    const struct scene_font_metrics *lf = metrics(s, SCENE_FONT_ALERT_LABEL);
    const struct scene_font_metrics *ff = metrics(s, SCENE_FONT_CAPTION);
    int m = l->panel_margin;
    int label_h = lf->ascent + lf->descent + 2 * l->badge_pad_y + 3 * l->unit_px;
    int footer_h = ff->line_height + 2 * l->unit_px;
    int width = l->width - 2 * m;
    if (v->full_screen) {
        v->box = (struct scene_rect){0, 0, l->width, l->height};
        return fit_text(s, v, a, width, l->height - 2 * m - label_h - footer_h) >= 0;
    }
    /* The band takes the featured panel's place, between the header and the crawl. */
    v->box = l->panel;
    int room = l->panel.h - 2 * m - label_h - footer_h;
    return fit_text(s, v, a, width, room > 0 ? room : 1) >= 0;
}

/* The shown alert's end, for the proof of play. */
static void played(struct scene *s)
{
    if (s->alert.present)
        scene_play_add(s, SCENE_PLAY_ALERT, s->alert.id, s->alert.text, s->alert.source, s->alert_since, s->now);
}

void scene_alert_set_time(struct scene *s, int64_t wall)
{
    s->wall = wall;
    const struct item *a = choose(s, wall, &s->alerts_current);
    if (!a) {
        if (s->alert.present) {
            played(s);
            struct item_list *keep = s->alerts;
            s->alerts = NULL;
            scene_alert_clear(s);
            s->alerts = keep;
        }
        return;
    }
    if (s->alert.present && strcmp(s->alert.id, a->id) == 0)
        return; /* laid out already: no frame redoes it */
    bool same = s->alert.present && s->alert.id && !strcmp(s->alert.id, a->id);
    if (!same) {
        played(s);
        s->alert_since = s->now;
    }
    if (!lay_out(s, a))
        s->alert.present = false; /* out of memory: the rotation shows instead; tried again next frame */
}

void scene_alert_take(struct scene *s, struct item_list *list)
{
    struct item_list *alerts = item_list_create();
    if (!alerts)
        return; /* out of memory: they stay in the rotation, shown as headlines */
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        struct item *item = &list->items[i];
        if (item->severity != ITEM_SEVERITY_NONE) {
            if (!item_list_push(alerts, item)) { /* moved: item is re-initialised */
                list->items[kept++] = *item;
                continue;
            }
            item_clear(item);
        } else {
            list->items[kept++] = *item;
        }
    }
    list->count = kept;
    /* The alert shown goes on being the same play if the new list has it. */
    struct scene_play was = {0};
    if (s->alert.present)
        was = (struct scene_play){SCENE_PLAY_ALERT, strdup(s->alert.id), strdup(s->alert.text),
                                  strdup(s->alert.source), s->alert_since, s->now};
    scene_alert_clear(s); /* a new list may change the shown alert's text: lay it out again */
    s->alerts = alerts;
    scene_alert_set_time(s, s->wall);
    if (was.id && s->alert.present && !strcmp(was.id, s->alert.id))
        s->alert_since = was.from;
    else if (was.id)
        scene_play_add(s, was.kind, was.id, was.title, was.source, was.from, was.to);
    scene_play_clear(&was);
}

struct item_list *scene_alert_give_back(struct scene *s, struct item_list *list)
{
    struct item_list *alerts = s->alerts;
    s->alerts = NULL;
    scene_alert_clear(s);
    if (!list)
        return alerts;
    for (size_t i = 0; alerts && i < alerts->count; i++)
        if (!item_list_push(list, &alerts->items[i]))
            break; /* out of memory: the rest wait for the next list */
    item_list_destroy(alerts);
    return list;
}

bool scene_alert_full_screen(const struct scene *s)
{
    return s->alert.present && s->alert.full_screen;
}

const char *scene_alert_id(const struct scene *s)
{
    return s->alert.present ? s->alert.id : "";
}

size_t scene_alert_count(const struct scene *s)
{
    return s->alerts_current;
}

static bool build_lines(struct scene_frame *f, const struct scene *s, enum scene_font font,
                        const struct text_block *b, int x, int *y, struct scene_color c)
{
    const struct scene_font_metrics *m = metrics(s, font);
    for (size_t i = 0; i < b->count; i++) {
        if (!scene_op_text(f, font, b->lines[i], x, *y + m->ascent, c, NULL))
            return false;
        *y += m->line_height;
    }
    return true;
}

bool scene_build_alert(struct scene *s, struct scene_frame *f)
{
    const struct alert_view *v = &s->alert;
    if (!v->present)
        return true;
    const struct layout *l = &s->layout;
    struct scene_color back = v->full_screen ? color_alert_red : color_alert_amber;
    struct scene_color ink = v->full_screen ? color_white : color_alert_ink;
    int m = l->panel_margin;
    const struct scene_font_metrics *lf = metrics(s, SCENE_FONT_ALERT_LABEL);
    const struct scene_font_metrics *ff = metrics(s, SCENE_FONT_CAPTION);
    const char *label = label_for(v->severity);
    int label_w = measure(s, SCENE_FONT_ALERT_LABEL, label) + 2 * l->badge_pad_x;
    int y = v->box.y + m;
    struct scene_rect label_box = {m, y, label_w, lf->ascent + lf->descent + 2 * l->badge_pad_y};
    bool ok = scene_op_rect(f, v->box, back, NULL) && scene_op_rect(f, label_box, ink, NULL) &&
              scene_op_text(f, SCENE_FONT_ALERT_LABEL, label, m + l->badge_pad_x, y + l->badge_pad_y + lf->ascent,
                            back, NULL);
    y += label_box.h + 3 * l->unit_px;
    ok = ok && build_lines(f, s, v->title_font, &v->title, m, &y, ink);
    y += 2 * l->unit_px;
    ok = ok && build_lines(f, s, v->body_font, &v->body, m, &y, ink);
    int footer_baseline = v->box.y + v->box.h - m - ff->descent;
    return ok && scene_op_text(f, SCENE_FONT_CAPTION, v->footer, m, footer_baseline, ink, NULL);
}
