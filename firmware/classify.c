#define _GNU_SOURCE /* strcasestr */
#include "classify.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Whether title starts with one of prefixes (compared case-folded); *rest
 * gets the byte offset in title just past the prefix and any separator. */
static bool match_prefix(const char *title, const struct string_list *prefixes, size_t *rest)
{
    for (size_t i = 0; i < prefixes->count; i++) {
        const char *prefix = prefixes->values[i];
        size_t len = strlen(prefix);
        if (len == 0 || strlen(title) < len)
            continue;
        char *head = strndup(title, len);
        char *folded_head = head ? text_casefold(head) : NULL;
        char *folded_prefix = text_casefold(prefix);
        bool same = folded_head && folded_prefix && strcmp(folded_head, folded_prefix) == 0;
        free(head);
        free(folded_head);
        free(folded_prefix);
        if (!same)
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

/* Link paths are ASCII ("/video/", "://video."): a plain case-insensitive search. */
static bool link_has_path(const char *link, const struct string_list *paths)
{
    for (size_t i = 0; i < paths->count; i++)
        if (*paths->values[i] && strcasestr(link, paths->values[i]))
            return true;
    return false;
}

static bool category_matches(const struct item *item, const struct string_list *names)
{
    for (size_t c = 0; c < item->category_count; c++) {
        char *category = text_casefold(item->categories[c]);
        for (size_t n = 0; category && n < names->count; n++) {
            char *name = text_casefold(names->values[n]);
            bool same = name && strcmp(name, category) == 0;
            free(name);
            if (same) {
                free(category);
                return true;
            }
        }
        free(category);
    }
    return false;
}

static bool has_keyword(const char *title, const struct string_list *keywords)
{
    char *folded_title = text_casefold(title);
    bool found = false;
    for (size_t i = 0; folded_title && !found && i < keywords->count; i++) {
        char *keyword = text_casefold(keywords->values[i]);
        found = keyword && text_contains_words(folded_title, keyword);
        free(keyword);
    }
    free(folded_title);
    return found;
}

bool classify_item(struct item *item, const struct kind_rules *rules)
{
    size_t rest;
    item->kind = ITEM_NEWS;
    if (match_prefix(item->title, &rules->infographic_prefixes, &rest))
        item->kind = ITEM_INFOGRAPHIC;
    else if (match_prefix(item->title, &rules->video_prefixes, &rest))
        item->kind = ITEM_VIDEO;
    if (item->kind != ITEM_NEWS) {
        if (item->title[rest]) /* a bare "[Video]" keeps its title */
            memmove(item->title, item->title + rest, strlen(item->title + rest) + 1);
        return true;
    }
    if (link_has_path(item->link, &rules->infographic_paths) ||
        category_matches(item, &rules->infographic_categories))
        item->kind = ITEM_INFOGRAPHIC;
    else if (link_has_path(item->link, &rules->video_paths) || category_matches(item, &rules->video_categories))
        item->kind = ITEM_VIDEO;
    else if (has_keyword(item->title, &rules->dialogue_keywords) ||
             category_matches(item, &rules->dialogue_categories))
        item->kind = ITEM_DIALOGUE;
    return true;
}
