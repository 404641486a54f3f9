#include "ingest/editorial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/config_editorial.h"
#include "ingest/text.h"
#include "ingest/wordmatch.h"

#define RULE_HIDDEN 0 /* the first rule: hidden by id or link */

/* [editorial]'s rules, or one [source]'s. */
struct rule_set {
    char *location; /* NULL: [editorial] */
    struct wordmatch *include, *exclude;
    int max_age;
    size_t first_exclude, include_rule, age_rule; /* their indices in names and hidden */
};

struct editorial {
    struct rule_set *sets; /* sets[0]: [editorial] */
    size_t set_count;
    char **names;
    size_t *hidden;
    size_t rule_count;
    struct string_list hide; /* the config's `hide =` */
    const char *const *hand; /* `ticker hide`'s, for the pass */
    size_t hand_count;
    int64_t now, next_change;
    size_t shown, aged, hidden_total;
    bool show_stale;
};

static void set_clear(struct rule_set *set)
{
    free(set->location);
    wordmatch_destroy(set->include);
    wordmatch_destroy(set->exclude);
}

void editorial_destroy(struct editorial *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->set_count; i++)
        set_clear(&e->sets[i]);
    free(e->sets);
    for (size_t i = 0; i < e->rule_count; i++)
        free(e->names[i]);
    free(e->names);
    free(e->hidden);
    string_list_clear(&e->hide);
    free(e);
}

static bool add_name(struct editorial *e, const char *where, const char *what, const char *phrase)
{
    size_t size = strlen(where) + strlen(what) + (phrase ? strlen(phrase) : 0) + 8;
    char *name = malloc(size);
    if (!name)
        return false;
    if (phrase)
        snprintf(name, size, "%s %s \"%s\"", where, what, phrase);
    else
        snprintf(name, size, "%s%s%s", where, where[0] ? " " : "", what);
    e->names[e->rule_count++] = name;
    return true;
}

static bool add_set(struct editorial *e, const char *location, const struct show_rules *rules)
{
    struct rule_set *set = &e->sets[e->set_count++];
    if (location && !(set->location = strdup(location)))
        return false;
    set->max_age = rules->max_age_seconds;
    if (!(set->include = wordmatch_create(&rules->include)) || !(set->exclude = wordmatch_create(&rules->exclude)))
        return false;
    char where[600];
    snprintf(where, sizeof where, location ? "[source %s]" : "[editorial]", location);
    if (!ARRAY_RESIZE(e->names, e->rule_count + rules->exclude.count + 2))
        return false;
    set->first_exclude = e->rule_count;
    bool ok = true;
    for (size_t i = 0; ok && i < rules->exclude.count; i++)
        ok = add_name(e, where, "exclude", rules->exclude.values[i]);
    set->include_rule = e->rule_count;
    ok = ok && add_name(e, where, "include (none of its words)", NULL);
    set->age_rule = e->rule_count;
    return ok && add_name(e, where, "max_age", NULL);
}

struct editorial *editorial_create(const struct config *config)
{
    struct editorial *e = calloc(1, sizeof *e);
    if (!e || !(e->sets = calloc(config->source_count + 1, sizeof *e->sets)) ||
        !(e->names = calloc(1, sizeof *e->names)))
        goto fail;
    e->show_stale = config->editorial.stale == CONFIG_STALE_SHOW;
    if (!add_name(e, "", "hidden by id or link", NULL) || !add_set(e, NULL, &config->editorial.rules))
        goto fail;
    for (size_t i = 0; i < config->source_count; i++)
        if (!add_set(e, config->sources[i].location, &config->sources[i].rules))
            goto fail;
    for (size_t i = 0; i < config->editorial.hide.count; i++)
        if (!string_list_add(&e->hide, config->editorial.hide.values[i]))
            goto fail;
    if (!(e->hidden = calloc(e->rule_count, sizeof *e->hidden)))
        goto fail;
    return e;
fail:
    editorial_destroy(e);
    return NULL;
}

bool editorial_begin(struct editorial *e, int64_t now, const char *const *hidden, size_t hidden_count)
{
    e->now = now;
    e->hand = hidden;
    e->hand_count = hidden_count;
    e->next_change = 0;
    e->shown = e->aged = e->hidden_total = 0;
    memset(e->hidden, 0, e->rule_count * sizeof *e->hidden);
    return true;
}

static bool key_in(const char *key, char *const *keys, size_t count)
{
    for (size_t i = 0; key[0] && i < count; i++)
        if (!strcmp(key, keys[i]))
            return true;
    return false;
}

static bool hidden_by_hand(const struct editorial *e, const struct item *item)
{
    return key_in(item->id, e->hide.values, e->hide.count) || key_in(item->link, e->hide.values, e->hide.count) ||
           key_in(item->id, (char *const *)e->hand, e->hand_count) ||
           key_in(item->link, (char *const *)e->hand, e->hand_count);
}

/* Title, summary and captions folded into one text, a line apart: a
 * phrase never matches across two of them. NULL on OOM. */
static char *folded_text(const struct item *item)
{
    size_t size = strlen(item->title) + strlen(item->summary) + 3;
    for (size_t i = 0; i < item->caption_count; i++)
        size += strlen(item->captions[i]) + 1;
    char *joined = malloc(size);
    if (!joined)
        return NULL;
    size_t n = (size_t)snprintf(joined, size, "%s\n%s", item->title, item->summary);
    for (size_t i = 0; i < item->caption_count; i++)
        n += (size_t)snprintf(joined + n, size - n, "\n%s", item->captions[i]);
    char *folded = text_casefold(joined);
    free(joined);
    return folded;
}

static const struct rule_set *source_set(const struct editorial *e, const char *origin)
{
    for (size_t i = 1; origin && origin[0] && i < e->set_count; i++)
        if (!strcmp(e->sets[i].location, origin))
            return &e->sets[i];
    return NULL;
}

/* The rule of sets (global, then the source's) that hides text, or -1. */
static long word_rule(const struct rule_set *const sets[2], const char *text)
{
    for (int s = 0; s < 2; s++) {
        long hit = sets[s] ? wordmatch_find(sets[s]->exclude, text) : -1;
        if (hit >= 0)
            return (long)sets[s]->first_exclude + hit;
    }
    for (int s = 0; s < 2; s++)
        if (sets[s] && wordmatch_count(sets[s]->include) && wordmatch_find(sets[s]->include, text) < 0)
            return (long)sets[s]->include_rule;
    return -1;
}

static enum editorial_verdict hide(struct editorial *e, size_t rule, enum editorial_verdict verdict)
{
    e->hidden[rule]++;
    if (verdict == EDITORIAL_AGED)
        e->aged++;
    else
        e->hidden_total++;
    return verdict;
}

enum editorial_verdict editorial_judge(struct editorial *e, const struct item *item, const char *origin,
                                       int64_t first_seen)
{
    if (item->severity != ITEM_SEVERITY_NONE || item->pinned) {
        e->shown++;
        return EDITORIAL_SHOWN;
    }
    if (hidden_by_hand(e, item))
        return hide(e, RULE_HIDDEN, EDITORIAL_HIDDEN);
    const struct rule_set *sets[2] = {&e->sets[0], source_set(e, origin)};
    char *text = folded_text(item);
    long rule = text ? word_rule(sets, text) : -1; /* out of memory: shown, as before any rule */
    free(text);
    if (rule >= 0)
        return hide(e, (size_t)rule, EDITORIAL_HIDDEN);
    const struct rule_set *aging = sets[1] && sets[1]->max_age ? sets[1] : sets[0];
    if (aging->max_age) {
        int64_t since = item->has_published ? item->published : first_seen ? first_seen : e->now;
        int64_t too_old = since + aging->max_age;
        if (e->now >= too_old)
            return hide(e, aging->age_rule, EDITORIAL_AGED);
        if (!e->next_change || too_old < e->next_change)
            e->next_change = too_old;
    }
    e->shown++;
    return EDITORIAL_SHOWN;
}

size_t editorial_rule_count(const struct editorial *e) { return e->rule_count; }
const char *editorial_rule_name(const struct editorial *e, size_t i) { return i < e->rule_count ? e->names[i] : ""; }
size_t editorial_rule_hidden(const struct editorial *e, size_t i) { return i < e->rule_count ? e->hidden[i] : 0; }
size_t editorial_shown(const struct editorial *e) { return e->shown; }
size_t editorial_hidden_total(const struct editorial *e) { return e->hidden_total; }
size_t editorial_aged(const struct editorial *e) { return e->aged; }
int64_t editorial_next_change(const struct editorial *e) { return e->next_change; }
bool editorial_shows_stale(const struct editorial *e) { return e->show_stale; }

bool editorial_pin_items(const struct pin_list *ed, const char *id_prefix, item_sink_fn *sink, void *arg)
{
    for (size_t i = 0; i < ed->count; i++) {
        const struct pin_config *p = &ed->pins[i];
        if (!p->text[0])
            continue;
        struct item item;
        item_init(&item);
        size_t size = strlen(id_prefix) + strlen(p->name) + 8;
        char *id = malloc(size);
        if (id)
            snprintf(id, size, "pin:%s%s", id_prefix, p->name);
        bool ok = id && item_set(&item.id, id) && item_set(&item.title, p->text);
        free(id);
        item.pinned = true;
        item.pinned_featured = p->featured;
        item.starts = p->starts;
        item.expires = p->ends;
        ok = ok && sink(arg, &item);
        item_clear(&item);
        if (!ok)
            return false;
    }
    return true;
}

bool editorial_screen_list(const struct config *config, struct item_list *list, int64_t now)
{
    struct editorial *e = editorial_create(config);
    if (!e)
        return false;
    editorial_begin(e, now, NULL, 0);
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (editorial_judge(e, &list->items[i], NULL, now) == EDITORIAL_SHOWN)
            list->items[kept++] = list->items[i];
        else
            item_clear(&list->items[i]);
    }
    list->count = kept;
    editorial_destroy(e);
    struct pin_list pins;
    char why[256];
    if (!config_editorial_pins(&config->editorial, &pins, why, sizeof why))
        return true; /* the config's check said so already */
    bool ok = editorial_pin_items(&pins, "", item_list_sink, list);
    pin_list_clear(&pins);
    return ok;
}
