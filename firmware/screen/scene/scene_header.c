/* The header: exhibition title, Vietnamese clock and fetch status (see scene_parts.h). */
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"
#include "screen/scene/vnclock.h"

void scene_set_status(struct scene *s, const char *status)
{
    size_t n = strlen(status);
    if (n >= sizeof s->status) {
        n = sizeof s->status - 1;
        while (n > 0 && ((unsigned char)status[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(s->status, status, n);
    s->status[n] = '\0';
    s->status_width = measure(s, SCENE_FONT_STATUS, s->status);
    s->header_gen++;
    /* On one header row the status sits between title and clock: the title
     * gives up the room while the status shows. */
    const struct layout *l = &s->layout;
    int room = l->title_max_width;
    if (s->status[0] && !l->header_two_rows)
        room -= s->status_width + 2 * l->badge_pad_x + 3 * l->unit_px;
    char *title = scene_ellipsize(s, SCENE_FONT_HEADER_TITLE, s->full_title, room);
    if (title) {
        free(s->title);
        s->title = title;
    }
}

void scene_set_clock(struct scene *s, const struct tm *local_time)
{
    struct tm fields = *local_time;
    int64_t wall = (int64_t)timegm(&fields) - local_time->tm_gmtoff;
    scene_alert_set_time(s, wall);
    scene_pins_set_time(s, wall);
    char text[sizeof s->clock];
    vnclock_format(local_time, text, sizeof text);
    if (strcmp(text, s->clock) == 0)
        return;
    memcpy(s->clock, text, sizeof text);
    s->clock_width = measure(s, SCENE_FONT_CLOCK, s->clock);
    s->header_gen++;
}

bool scene_build_header(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    bool ok = scene_op_rect(f, (struct scene_rect){0, 0, l->width, l->header_height}, color_header, NULL) &&
              scene_op_rect(f, (struct scene_rect){0, l->header_height - l->unit_px / 2, l->width, l->unit_px / 2},
                      color_accent, NULL);
    if (ok && l->logo_w) {
        struct scene_op *op = scene_push_op(f, SCENE_OP_LOGO);
        if (!op)
            return false;
        op->rect = (struct scene_rect){l->logo_x, l->logo_y, l->logo_w, l->logo_h};
    }
    ok = ok && scene_op_text(f, SCENE_FONT_HEADER_TITLE, s->title, l->title_x, l->title_baseline, color_white, NULL);
    int clock_x = l->clock_right - s->clock_width;
    ok = ok && scene_op_text(f, SCENE_FONT_CLOCK, s->clock, clock_x, l->clock_baseline, color_accent, NULL);
    if (ok && s->status[0]) {
        const struct scene_font_metrics *m = metrics(s, SCENE_FONT_STATUS);
        int pad = l->badge_pad_x;
        int w = s->status_width + 2 * pad;
        int x = clock_x - 3 * l->unit_px - w;
        struct scene_rect box = {x, l->clock_baseline - m->ascent - l->badge_pad_y, w,
                                 m->ascent + m->descent + 2 * l->badge_pad_y};
        /* The status shares the clock's baseline; its box is centred on the clock's x-height. */
        ok = scene_op_rect(f, box, color_status, NULL) &&
             scene_op_text(f, SCENE_FONT_STATUS, s->status, x + pad, l->clock_baseline, color_header, NULL);
    }
    return ok;
}
