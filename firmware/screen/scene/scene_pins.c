/* Pins: the operator's messages (see scene_parts.h). Kept out of the list
 * like alerts, current by the wall clock of scene_set_clock; the crawl
 * places a current pin first and again after every pin_every headlines,
 * and a pin that asks for it takes the featured panel as often. A pin that
 * ends leaves the placed entries it has not yet shown. No takeover. */
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

static size_t pin_every(const struct scene *s)
{
    return s->settings.pin_every > 0 ? (size_t)s->settings.pin_every : 3;
}

void scene_pins_clear(struct scene *s)
{
    item_list_destroy(s->pins);
    s->pins = NULL;
    s->pins_current = 0;
    s->pins_change = 0;
}

/* How many are current at wall, and the next wall time that changes. */
static void count_current(struct scene *s, int64_t wall)
{
    s->pins_current = 0;
    s->pins_change = 0;
    for (size_t i = 0; s->pins && i < s->pins->count; i++) {
        const struct item *p = &s->pins->items[i];
        s->pins_current += item_pin_active(p, wall);
        int64_t next = p->starts > wall ? p->starts : p->expires > wall ? p->expires : 0;
        if (next && (!s->pins_change || next < s->pins_change))
            s->pins_change = next;
    }
}

void scene_pins_take(struct scene *s, struct item_list *list)
{
    struct item_list *pins = item_list_create();
    if (!pins)
        return; /* out of memory: they stay in the list, shown as headlines */
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        struct item *item = &list->items[i];
        if (item->pinned && item_list_push(pins, item)) /* moved */
            item_clear(item);
        else
            list->items[kept++] = *item;
    }
    list->count = kept;
    scene_pins_clear(s);
    s->pins = pins;
    count_current(s, s->wall);
}

struct item_list *scene_pins_give_back(struct scene *s, struct item_list *list)
{
    struct item_list *pins = s->pins;
    s->pins = NULL;
    scene_pins_clear(s);
    if (!list)
        return pins;
    for (size_t i = 0; pins && i < pins->count; i++)
        if (!item_list_push(list, &pins->items[i]))
            break;
    item_list_destroy(pins);
    return list;
}

size_t scene_pin_count(const struct scene *s)
{
    return s->pins_current;
}

/* The next current pin round the list (featured_only: those that ask for
 * the panel), or NULL. */
static const struct item *next_current(struct scene *s, bool featured_only)
{
    size_t n = s->pins ? s->pins->count : 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = (s->pin_next + k) % n;
        const struct item *p = &s->pins->items[i];
        if (item_pin_active(p, s->wall) && (!featured_only || p->pinned_featured)) {
            s->pin_next = i + 1;
            return p;
        }
    }
    return NULL;
}

const struct item *scene_pins_for_crawl(struct scene *s, bool headlines)
{
    if (!s->pins_current || (headlines && s->crawl_since_pin < pin_every(s)))
        return NULL;
    return next_current(s, false);
}

bool scene_pins_featured_current(const struct scene *s)
{
    for (size_t i = 0; s->pins && i < s->pins->count; i++)
        if (s->pins->items[i].pinned_featured && item_pin_active(&s->pins->items[i], s->wall))
            return true;
    return false;
}

const struct item *scene_pins_for_featured(struct scene *s, bool headlines)
{
    const struct item *pin = NULL;
    if (s->pins_current && (!headlines || s->featured_since_pin >= pin_every(s)))
        pin = next_current(s, true);
    s->featured_since_pin = pin ? 0 : s->featured_since_pin + 1;
    return pin;
}

static bool pin_gone(const struct scene *s, const struct crawl_entry *e)
{
    if (!e->pinned)
        return false;
    for (size_t i = 0; s->pins && i < s->pins->count; i++)
        if (!strcmp(s->pins->items[i].id, e->id))
            return !item_pin_active(&s->pins->items[i], s->wall);
    return true;
}

static bool any_entry(const struct scene *s, const struct crawl_entry *e)
{
    (void)s;
    (void)e;
    return true;
}

void scene_crawl_drop_unseen(struct scene *s, bool (*gone)(const struct scene *s, const struct crawl_entry *e))
{
    size_t from = 0;
    while (from < s->entry_count && (entry_x(s, &s->entries[from]) < s->layout.width || !gone(s, &s->entries[from])))
        from++;
    if (from == s->entry_count)
        return;
    /* Everything from there on is still off screen to the right: placed
     * again, nothing visible moves. */
    s->next_begin = s->entries[from].begin;
    for (size_t i = from; i < s->entry_count; i++) {
        size_t at = s->entries[i].pinned ? SIZE_MAX : scene_list_find(s->list, s->entries[i].id);
        if (at != SIZE_MAX) {
            s->next_index = at; /* the first headline dropped that the list still has comes next */
            break;
        }
    }
    for (size_t i = from; i < s->entry_count; i++)
        scene_entry_free(&s->entries[i]);
    s->entry_count = from;
    scene_crawl_update(s);
}

void scene_pins_set_time(struct scene *s, int64_t wall)
{
    if (!s->pins_change || wall < s->pins_change) {
        s->wall = wall;
        return;
    }
    s->wall = wall;
    size_t before = s->pins_current;
    count_current(s, wall);
    if (s->pins_current > before) {
        /* A pin that begins comes next: the headlines placed ahead and not
         * yet seen are placed again after it. */
        s->crawl_since_pin = s->featured_since_pin = SIZE_MAX / 2;
        scene_crawl_drop_unseen(s, any_entry);
    } else {
        scene_crawl_drop_unseen(s, pin_gone);
    }
    if (s->current.present && s->current.pinned && !scene_pins_featured_current(s)) {
        /* An ended pin leaves the panel at once for the next headline. */
        size_t count = s->list ? s->list->count : 0;
        if (count)
            scene_featured_show(s, s->featured_index == SIZE_MAX ? 0 : s->featured_index + 1, s->now, true);
        else
            scene_featured_clear(&s->current);
    }
}
