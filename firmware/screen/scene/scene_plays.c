/* The proof of play's side of the scene (see scene.h): each featured item,
 * crawl pass and alert that ended is kept as plain data until the frame
 * loop takes it. Pure: times are the scene's, nothing is written here. */
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

void scene_play_clear(struct scene_play *p)
{
    free(p->id);
    free(p->title);
    free(p->source);
    memset(p, 0, sizeof *p);
}

void scene_plays_clear(struct scene *s)
{
    for (size_t i = 0; i < s->play_count; i++)
        scene_play_clear(&s->plays[i]);
    free(s->plays);
    s->plays = NULL;
    s->play_count = 0;
}

void scene_play_add(struct scene *s, enum scene_play_kind kind, const char *id, const char *title, const char *source,
                    double from, double to)
{
    if (!s->plays && !(s->plays = calloc(SCENE_PLAYS_MAX, sizeof *s->plays)))
        return;
    if (s->play_count == SCENE_PLAYS_MAX) { /* nobody takes them (a screenshot's jump): the oldest go */
        scene_play_clear(&s->plays[0]);
        memmove(s->plays, s->plays + 1, (SCENE_PLAYS_MAX - 1) * sizeof *s->plays);
        s->play_count--;
        s->plays_dropped++;
    }
    struct scene_play p = {kind, strdup(id ? id : ""), strdup(title ? title : ""), strdup(source ? source : ""),
                           from, to};
    if (!p.id || !p.title || !p.source) {
        scene_play_clear(&p);
        return;
    }
    s->plays[s->play_count++] = p;
}

size_t scene_take_plays(struct scene *s, struct scene_play *out, size_t max)
{
    size_t n = s->play_count < max ? s->play_count : max;
    if (n == 0) /* plays may still be NULL: memcpy from NULL is undefined even for 0 bytes */
        return 0;
    memcpy(out, s->plays, n * sizeof *out);
    memmove(s->plays, s->plays + n, (s->play_count - n) * sizeof *s->plays);
    s->play_count -= n;
    return n;
}

double scene_crawl_entered(const struct scene *s, const struct crawl_entry *e)
{
    /* The offset at which its left end reached the band's right edge, back
     * to time at the speed now (a speed change meanwhile makes it close). */
    const struct layout *l = &s->layout;
    int64_t at = e->begin - (l->width - l->crawl_left);
    double per_second = (double)s->pixels_per_frame * s->hz;
    double t = s->speed_base_time + (double)(at - s->speed_base_offset) / per_second;
    return t < 0 ? 0 : t > s->now ? s->now : t;
}

void scene_finish_plays(struct scene *s)
{
    if (s->current.present)
        scene_play_add(s, SCENE_PLAY_FEATURED, s->current.id, s->current.text, s->current.meta, s->featured_since,
                       s->now);
    if (s->alert.present)
        scene_play_add(s, SCENE_PLAY_ALERT, s->alert.id, s->alert.text, s->alert.source, s->alert_since, s->now);
}
