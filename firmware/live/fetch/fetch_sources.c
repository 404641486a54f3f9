/* The fetch loop's list of sources over time (see fetch.h): a new
 * configuration put in force between transfers, and each source's hours
 * (dayparting), outside which it is neither fetched nor shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/limits.h"
#include "ingest/source.h"
#include "live/fetch/fetch_parts.h"

void fetch_run_init(struct fetch *f, struct source_run *run, size_t i, const struct config *config)
{
    memset(run, 0, sizeof *run);
    run->fetch = f;
    run->index = i;
    cache_source_init(&run->state);
    cache_source_init(&run->pending);
    run->local = !source_is_url(config->sources[i].location);
    run->in_hours = true;
}

/* --- hours -------------------------------------------------------------------- */

static bool in_hours_at(const struct source_config *source, int64_t now)
{
    if (!source->hours_week)
        return true;
    time_t t = (time_t)now;
    struct tm local;
    return !localtime_r(&t, &local) || onhours_is_on(source->hours_week, &local);
}

bool fetch_update_hours(struct fetch *f, int64_t now)
{
    f->judged_at = now; /* every turn looks at the hours first: the posts of the turn judge at its time */
    bool changed = false;
    for (size_t i = 0; i < f->count; i++) {
        bool in = in_hours_at(&f->config->sources[i], now);
        if (in == f->runs[i].in_hours)
            continue;
        f->runs[i].in_hours = in;
        changed = true;
        log_info("%s: %s its hours: %s", f->config->sources[i].location, in ? "within" : "outside",
                 in ? "fetched and shown" : "not fetched, its items hidden (still cached)");
    }
    bool first = !f->hours_known;
    f->hours_known = true;
    if (changed && !first)
        fetch_post_items(f);
    return changed;
}

/* --- a new configuration ------------------------------------------------------- */

void fetch_set_config(struct fetch *f, const struct config *config)
{
    pthread_mutex_lock(&f->lock);
    f->next_config = config;
    http_client_wake(f->http);
    pthread_cond_broadcast(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

bool fetch_config_waiting(struct fetch *f)
{
    pthread_mutex_lock(&f->lock);
    bool waiting = f->next_config != NULL;
    pthread_mutex_unlock(&f->lock);
    return waiting;
}

static bool same_rules(const struct kind_rules *a, const struct kind_rules *b)
{
    return string_list_equal(&a->dialogue_keywords, &b->dialogue_keywords) &&
           string_list_equal(&a->dialogue_exclusions, &b->dialogue_exclusions) &&
           string_list_equal(&a->infographic_prefixes, &b->infographic_prefixes) &&
           string_list_equal(&a->video_prefixes, &b->video_prefixes) &&
           string_list_equal(&a->infographic_paths, &b->infographic_paths) &&
           string_list_equal(&a->video_paths, &b->video_paths) &&
           string_list_equal(&a->dialogue_categories, &b->dialogue_categories) &&
           string_list_equal(&a->infographic_categories, &b->infographic_categories) &&
           string_list_equal(&a->video_categories, &b->video_categories);
}

/* Whether the items read from a source would come out differently: its
 * content is read again in full (validators dropped), not when it is next
 * due. */
static bool reads_differently(const struct source_config *a, const struct source_config *b)
{
    return !config_text_equal(a->zone_name, b->zone_name) || a->alert != b->alert ||
           a->alert_severity != b->alert_severity || a->expire_after_seconds != b->expire_after_seconds ||
           a->cap_scopes != b->cap_scopes;
}

static void free_runs(struct source_run *runs, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        cache_source_clear(&runs[i].state);
        cache_source_clear(&runs[i].pending);
        item_list_destroy(runs[i].items);
        http_response_clear(&runs[i].response);
    }
    free(runs);
}

/* The removed sources' items and state rows, in one transaction: a source
 * taken out of the configuration is off the screen at once, not when its
 * items age out days later. */
static size_t forget_removed(struct fetch *f, const bool *kept, size_t old_count)
{
    char err[TICKER_ERROR_QUOTING_MAX];
    size_t total = 0;
    bool ok = cache_begin(f->cache, err, sizeof err);
    for (size_t i = 0; ok && i < old_count; i++) {
        size_t removed = 0;
        if (!kept[i] && (ok = cache_forget_origin(f->cache, f->config->sources[i].location, &removed, err, sizeof err)))
            total += removed;
    }
    ok = ok && cache_commit(f->cache, err, sizeof err);
    if (!ok) {
        cache_rollback(f->cache);
        log_error("%s; the removed sources' items stay until they expire", err);
    }
    return total;
}

static void put_in_force(struct fetch *f, const struct config *next, int64_t now)
{
    struct source_run *old = f->runs;
    size_t old_count = f->count;
    struct source_run *runs = calloc(next->source_count ? next->source_count : 1, sizeof *runs);
    bool *kept = calloc(old_count ? old_count : 1, sizeof *kept);
    if (!runs || !kept) {
        free(runs);
        free(kept);
        log_error("fetch: " LOG_OOM " putting the new sources in force; the old ones stay");
        return;
    }
    bool rules_changed = !same_rules(&f->config->rules, &next->rules);
    size_t added = 0, reread = 0;
    for (size_t j = 0; j < next->source_count; j++) {
        const struct source_config *want = &next->sources[j];
        size_t i = 0;
        while (i < old_count && (kept[i] || strcmp(f->config->sources[i].location, want->location)))
            i++;
        if (i == old_count) {
            fetch_run_init(f, &runs[j], j, next);
            added++;
            continue;
        }
        kept[i] = true;
        runs[j] = old[i]; /* moved: its state, validators and schedule stay */
        memset(&old[i], 0, sizeof old[i]);
        runs[j].index = j;
        cache_source_init(&old[i].state);
        cache_source_init(&old[i].pending);
        struct cache_source *s = &runs[j].state;
        if (rules_changed || reads_differently(&f->config->sources[i], want)) {
            item_set(&s->etag, "");
            item_set(&s->last_modified, "");
            item_set(&s->signature, "");
            s->next_due = now;
            reread++;
        } else {
            int refresh = want->refresh_seconds > 0 ? want->refresh_seconds : next->fetch.refresh_seconds;
            if (!s->failures && s->next_due > now + refresh)
                s->next_due = now + refresh; /* a shorter interval counts from now, not from the old one's end */
        }
    }
    size_t dropped = forget_removed(f, kept, old_count);
    size_t removed = 0;
    for (size_t i = 0; i < old_count; i++)
        removed += !kept[i];
    free(kept);
    free_runs(old, old_count);
    f->runs = runs;
    f->count = next->source_count;
    f->config = next;
    fetch_editorial_configure(f); /* the new rules judge the cached items at the post below: no fetch */
    f->hours_known = false;
    for (size_t j = 0; j < f->count; j++)
        runs[j].in_hours = true;
    fetch_update_hours(f, now);
    if (added || removed || reread)
        log_info("fetch: the new sources are in force: %zu kept (%zu to be read again in full), %zu added, %zu "
                 "removed (%zu of their items dropped from the cache)",
                 f->count - added, reread, added, removed, dropped);
    else
        log_debug("fetch: a new configuration, the same %zu sources", f->count);
    fetch_post_items(f);
    fetch_update_status(f);
}

void fetch_take_next_config(struct fetch *f, int64_t now)
{
    for (size_t i = 0; i < f->count; i++)
        if (f->runs[i].in_flight)
            return; /* the next turn: a transfer's callback holds its run */
    pthread_mutex_lock(&f->lock);
    const struct config *next = f->next_config;
    f->next_config = NULL;
    pthread_mutex_unlock(&f->lock);
    if (next)
        put_in_force(f, next, now);
}
