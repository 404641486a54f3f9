/* The editorial side of the fetch loop (see fetch_parts.h): every list it
 * posts is judged whole by ingest/editorial — so a new rule, a `hide`, or
 * an item getting too old changes what the screen shows at the next post,
 * with no fetch — and gets the operator's pins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config_editorial.h"
#include "base/log.h"
#include "ingest/editorial.h"
#include "live/fetch/fetch_parts.h"

void fetch_editorial_destroy(struct fetch *f)
{
    editorial_destroy(f->editorial);
    f->editorial = NULL;
    cache_keys_free(f->hidden_keys, f->hidden_count);
    f->hidden_keys = NULL;
    f->hidden_count = 0;
    free(f->editorial_record);
    f->editorial_record = NULL;
}

void fetch_editorial_configure(struct fetch *f)
{
    editorial_destroy(f->editorial);
    f->editorial = editorial_create(f->config);
    if (!f->editorial)
        log_error("editorial: " LOG_OOM " making the rules; every item is shown");
    free(f->editorial_record);
    f->editorial_record = NULL; /* the new rules' counts are said once */
}

struct judging {
    struct fetch *fetch;
    const char *const *hidden_origins;
    size_t hidden_count;
    struct item_list *aged; /* kept for [editorial] stale = show */
};

static bool keep(void *arg, const char *origin, int64_t first_seen, const struct item *item)
{
    struct judging *j = arg;
    for (size_t i = 0; i < j->hidden_count; i++)
        if (!strcmp(origin, j->hidden_origins[i]))
            return false;
    if (!j->fetch->editorial)
        return true;
    enum editorial_verdict verdict = editorial_judge(j->fetch->editorial, item, origin, first_seen);
    if (verdict == EDITORIAL_AGED && j->aged && !item_list_append_copy(j->aged, item)) {
        item_list_destroy(j->aged); /* out of memory: none shown stale */
        j->aged = NULL;
    }
    return verdict == EDITORIAL_SHOWN;
}

static size_t headlines(const struct item_list *list)
{
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        n += list->items[i].severity == ITEM_SEVERITY_NONE && !list->items[i].pinned;
    return n;
}

/* One line naming each rule that hid something, and the cache's record for
 * `ticker status` and the metrics: written when it changes, not per post. */
static void record(struct fetch *f, size_t shown)
{
    const struct editorial *e = f->editorial;
    size_t n = editorial_rule_count(e);
    struct cache_rule_count *rules = calloc(n + 1, sizeof *rules);
    char line[2048];
    int used = snprintf(line, sizeof line, "editorial: %zu items shown", shown);
    size_t kept = 0;
    if (rules)
        rules[kept++] = (struct cache_rule_count){(char *)"shown", (int64_t)shown};
    for (size_t i = 0; i < n; i++) {
        size_t hidden = editorial_rule_hidden(e, i);
        if (!hidden)
            continue;
        if (used < (int)sizeof line)
            used +=
                snprintf(line + used, sizeof line - (size_t)used, "; %s hid %zu", editorial_rule_name(e, i), hidden);
        if (rules)
            rules[kept++] = (struct cache_rule_count){(char *)editorial_rule_name(e, i), (int64_t)hidden};
    }
    if (!f->editorial_record || strcmp(f->editorial_record, line)) {
        log_msg(kept > 1 ? LOG_LEVEL_INFO : LOG_LEVEL_DEBUG, "%s", line);
        char err[512];
        if (rules && !cache_save_editorial(f->cache, rules, kept, f->judged_at, err, sizeof err))
            log_error("%s", err);
        free(f->editorial_record);
        f->editorial_record = strdup(line);
    }
    free(rules);
}

/* Every headline too old: said on the screen, or shown anyway, as the
 * operator chose ([editorial] stale). */
static void settle_aged(struct fetch *f, struct item_list *items, struct item_list *aged)
{
    bool was = f->aged_out;
    f->aged_out = aged && aged->count && !headlines(items);
    if (f->aged_out && editorial_shows_stale(f->editorial)) {
        for (size_t i = 0; i < aged->count; i++)
            if (!item_list_push(items, &aged->items[i]))
                break;
        f->aged_out = false;
    }
    if (f->aged_out != was)
        log_warn(f->aged_out ? "editorial: every cached headline is older than max_age; the screen says the news is "
                               "stale until newer news arrives"
                             : "editorial: headlines within max_age again");
}

struct item_list *fetch_editorial_items(struct fetch *f, const char *const *hidden_origins, size_t count, char *err,
                                        size_t err_size)
{
    struct judging j = {f, hidden_origins, count, NULL};
    if (f->editorial) {
        editorial_begin(f->editorial, f->judged_at, (const char *const *)f->hidden_keys, f->hidden_count);
        j.aged = item_list_create();
    }
    struct item_list *items = cache_items_kept(f->cache, keep, &j, err, err_size);
    if (items && f->editorial) {
        f->editorial_due = editorial_next_change(f->editorial);
        settle_aged(f, items, j.aged);
        record(f, items->count);
    }
    item_list_destroy(j.aged);
    struct pin_list pins;
    char why[512];
    if (!items) {
        /* nothing */
    } else if (!config_editorial_pins(&f->config->editorial, &pins, why, sizeof why)) {
        log_error("editorial: %s; the pin is not shown", why); /* the config's check refused it already */
    } else {
        if (!editorial_pin_items(&pins, "", item_list_sink, items))
            log_error("editorial: " LOG_OOM " adding the pins");
        pin_list_clear(&pins);
    }
    return items;
}

static bool same_keys(char **a, size_t na, char **b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i], b[i]))
            return false;
    return true;
}

bool fetch_editorial_read_hidden(struct fetch *f, int64_t now)
{
    f->hidden_polled = now;
    char err[512];
    size_t count;
    char **keys = cache_hidden_keys(f->cache, &count, err, sizeof err);
    if (!keys) {
        log_error("%s", err);
        return false;
    }
    if (same_keys(keys, count, f->hidden_keys, f->hidden_count)) {
        cache_keys_free(keys, count);
        return false;
    }
    log_info("editorial: %zu items hidden by hand (ticker hide)", count);
    cache_keys_free(f->hidden_keys, f->hidden_count);
    f->hidden_keys = keys;
    f->hidden_count = count;
    return true;
}

void fetch_editorial_tick(struct fetch *f, int64_t now)
{
    bool again = f->editorial_due && now >= f->editorial_due;
    if (now - f->hidden_polled >= FETCH_HIDDEN_POLL_SECONDS || now < f->hidden_polled)
        again |= fetch_editorial_read_hidden(f, now);
    if (!again)
        return;
    f->judged_at = now;
    fetch_post_items(f);
    fetch_update_status(f);
}

int64_t fetch_editorial_wait(const struct fetch *f, int64_t now, int64_t wait)
{
    if (f->editorial_due && f->editorial_due - now < wait)
        wait = f->editorial_due - now;
    if (FETCH_HIDDEN_POLL_SECONDS < wait)
        wait = FETCH_HIDDEN_POLL_SECONDS;
    return wait;
}
