#include "ingest/wordmatch.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/text.h"

struct wordmatch {
    char **phrases; /* folded */
    size_t count;
};

void wordmatch_destroy(struct wordmatch *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->phrases[i]);
    free(set->phrases);
    free(set);
}

struct wordmatch *wordmatch_create(const struct string_list *list)
{
    struct wordmatch *set = calloc(1, sizeof *set);
    size_t n = list ? list->count : 0;
    if (!set || !(set->phrases = calloc(n ? n : 1, sizeof *set->phrases))) {
        free(set);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(set->phrases[i] = text_casefold(list->values[i]))) {
            wordmatch_destroy(set);
            return NULL;
        }
        set->count++;
    }
    return set;
}

size_t wordmatch_count(const struct wordmatch *set)
{
    return set ? set->count : 0;
}

const char *wordmatch_phrase(const struct wordmatch *set, size_t i)
{
    return set && i < set->count ? set->phrases[i] : "";
}

long wordmatch_find(const struct wordmatch *set, const char *folded_text)
{
    for (size_t i = 0; set && folded_text && i < set->count; i++)
        if (text_contains_words(folded_text, set->phrases[i]))
            return (long)i;
    return -1;
}
