#include "ingest/classify.h"

#include <stdlib.h>
#include <string.h>

#include "base/strarray.h"
#include "ingest/text.h"
#include "ingest/wordmatch.h"

struct classifier {
    const struct kind_rules *rules;
    struct string_list infographic_prefixes, video_prefixes, dialogue_exclusions;
    struct wordmatch *dialogue_keywords; /* the matcher the [editorial] rules use too */
    struct string_list infographic_categories, video_categories, dialogue_categories;
    struct string_list infographic_paths, video_paths; /* ASCII, lowered: found in a lowered link by strstr */
};

/* A copy with ASCII letters lowered (link paths are ASCII). NULL on OOM. */
static char *ascii_lower(const char *text)
{
    char *copy = strdup(text);
    for (char *p = copy; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return copy;
}

static bool lower_list(struct string_list *out, const struct string_list *in)
{
    out->values = calloc(in->count ? in->count : 1, sizeof *out->values);
    if (!out->values)
        return false;
    for (size_t i = 0; i < in->count; i++) {
        if (!(out->values[i] = ascii_lower(in->values[i])))
            return false;
        out->count++;
    }
    return true;
}

static bool fold_list(struct string_list *out, const struct string_list *in)
{
    out->values = calloc(in->count ? in->count : 1, sizeof *out->values);
    if (!out->values)
        return false;
    for (size_t i = 0; i < in->count; i++) {
        if (!(out->values[i] = text_casefold(in->values[i])))
            return false;
        out->count++;
    }
    return true;
}

void classify_destroy(struct classifier *c)
{
    if (!c)
        return;
    wordmatch_destroy(c->dialogue_keywords);
    struct string_list *lists[] = {&c->infographic_prefixes,   &c->video_prefixes,   &c->dialogue_exclusions,
                                   &c->infographic_categories, &c->video_categories, &c->dialogue_categories,
                                   &c->infographic_paths,      &c->video_paths};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        string_list_clear(lists[i]);
    free(c);
}

struct classifier *classify_create(const struct kind_rules *rules)
{
    struct classifier *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->rules = rules;
    if (!fold_list(&c->infographic_prefixes, &rules->infographic_prefixes) ||
        !fold_list(&c->video_prefixes, &rules->video_prefixes) ||
        !(c->dialogue_keywords = wordmatch_create(&rules->dialogue_keywords)) ||
        !fold_list(&c->dialogue_exclusions, &rules->dialogue_exclusions) ||
        !fold_list(&c->infographic_categories, &rules->infographic_categories) ||
        !fold_list(&c->video_categories, &rules->video_categories) ||
        !fold_list(&c->dialogue_categories, &rules->dialogue_categories) ||
        !lower_list(&c->infographic_paths, &rules->infographic_paths) ||
        !lower_list(&c->video_paths, &rules->video_paths)) {
        classify_destroy(c);
        return NULL;
    }
    return c;
}

/* Byte length in folded of the prefix of title that folds to prefix, found by
 * folding title's leading characters one more at a time (folding can change
 * byte lengths, so the prefix's own length is no guide). 0 when none. */
static size_t folded_prefix_length(const char *title, const char *prefix)
{
    size_t want = strlen(prefix);
    if (want == 0)
        return 0;
    for (size_t len = 1; title[len - 1]; len++) {
        if (((unsigned char)title[len] & 0xC0) == 0x80)
            continue; /* inside a character */
        char *head = strndup(title, len);
        char *folded = head ? text_casefold(head) : NULL;
        size_t folded_len = folded ? strlen(folded) : 0;
        bool same = folded && !strcmp(folded, prefix);
        free(head);
        free(folded);
        if (same)
            return len;
        if (folded_len > want + 8)
            return 0;
    }
    return 0;
}

/* Whether title starts with one of prefixes; *rest is where the title goes
 * on past the prefix and any separator. */
static bool match_prefix(const char *title, const char *folded_title, const struct string_list *prefixes, size_t *rest)
{
    for (size_t i = 0; i < prefixes->count; i++) {
        const char *prefix = prefixes->values[i];
        if (!*prefix || strncmp(folded_title, prefix, strlen(prefix)))
            continue; /* cheap test on the folded title first */
        size_t len = folded_prefix_length(title, prefix);
        if (!len)
            continue;
        const char *p = title + len;
        while (*p == ' ' || *p == ':' || *p == '-' || *p == '|')
            p++;
        if (!strncmp(p, "\xE2\x80\x93 ", 4)) /* en dash */
            p += 4;
        *rest = (size_t)(p - title);
        return true;
    }
    return false;
}

/* Link paths are ASCII ("/video/", "://video."): both lowered, a plain search. */
static bool link_has_path(const char *lowered_link, const struct string_list *lowered_paths)
{
    for (size_t i = 0; i < lowered_paths->count; i++)
        if (*lowered_paths->values[i] && strstr(lowered_link, lowered_paths->values[i]))
            return true;
    return false;
}

static bool category_matches(char *const *folded_categories, size_t count, const struct string_list *names)
{
    for (size_t c = 0; c < count; c++)
        for (size_t n = 0; folded_categories[c] && n < names->count; n++)
            if (!strcmp(folded_categories[c], names->values[n]))
                return true;
    return false;
}

/* The title with every exclusion phrase blanked out, so that a keyword inside
 * one ("họp" in "họp báo": a press conference is not talks between parties)
 * does not count while a keyword elsewhere in the title still does. Phrases
 * are matched as substrings: Vietnamese writes a word as several syllables,
 * so no word boundary can tell "họp báo" from "họp báo cáo". NULL on OOM. */
static char *mask_exclusions(const char *folded_title, const struct string_list *exclusions)
{
    char *masked = strdup(folded_title);
    for (size_t i = 0; masked && i < exclusions->count; i++) {
        size_t length = strlen(exclusions->values[i]);
        for (char *p = masked; length && (p = strstr(p, exclusions->values[i])); p += length)
            memset(p, ' ', length);
    }
    return masked;
}

/* declared_video: the feed itself says the item is a video (YouTube's
 * entries, a Media RSS medium of video: ingest/feed_media), which counts
 * as a video link path does. */
static enum item_kind kind_by_rules(const struct classifier *c, const struct item *item, const char *folded_title,
                                    char *const *folded_categories, const char *lowered_link, bool declared_video)
{
    size_t n = item->category_count;
    if (link_has_path(lowered_link, &c->infographic_paths) ||
        category_matches(folded_categories, n, &c->infographic_categories))
        return ITEM_INFOGRAPHIC;
    if (declared_video || link_has_path(lowered_link, &c->video_paths) ||
        category_matches(folded_categories, n, &c->video_categories))
        return ITEM_VIDEO;
    if (category_matches(folded_categories, n, &c->dialogue_categories))
        return ITEM_DIALOGUE;
    char *masked = mask_exclusions(folded_title, &c->dialogue_exclusions);
    bool dialogue = wordmatch_find(c->dialogue_keywords, masked ? masked : folded_title) >= 0;
    free(masked);
    return dialogue ? ITEM_DIALOGUE : ITEM_NEWS;
}

bool classify_apply(const struct classifier *c, struct item *item)
{
    char *folded_title = text_casefold(item->title);
    char **folded_categories = calloc(item->category_count ? item->category_count : 1, sizeof *folded_categories);
    bool ok = folded_title && folded_categories;
    for (size_t i = 0; ok && i < item->category_count; i++)
        ok = (folded_categories[i] = text_casefold(item->categories[i])) != NULL;
    size_t rest;
    bool declared_video = item->kind == ITEM_VIDEO; /* set by the feed's reader, never by an earlier classify */
    item->kind = ITEM_NEWS;
    if (!ok) {
        /* nothing: OOM is reported below */
    } else if (match_prefix(item->title, folded_title, &c->infographic_prefixes, &rest)) {
        item->kind = ITEM_INFOGRAPHIC;
    } else if (match_prefix(item->title, folded_title, &c->video_prefixes, &rest)) {
        item->kind = ITEM_VIDEO;
    } else {
        char *lowered_link = ascii_lower(item->link);
        ok = lowered_link != NULL;
        if (ok)
            item->kind = kind_by_rules(c, item, folded_title, folded_categories, lowered_link, declared_video);
        free(lowered_link);
        rest = 0;
    }
    if (ok && rest && item->title[rest]) /* a bare "[Video]" keeps its title */
        memmove(item->title, item->title + rest, strlen(item->title + rest) + 1);
    strarray_free(folded_categories, folded_categories ? item->category_count : 0);
    free(folded_title);
    return ok;
}

bool classify_item(struct item *item, const struct kind_rules *rules)
{
    struct classifier *c = classify_create(rules);
    bool ok = c && classify_apply(c, item);
    classify_destroy(c);
    return ok;
}
