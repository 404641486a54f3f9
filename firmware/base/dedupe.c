#include "base/dedupe.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strset.h"
#include "base/unicode.h"

/* Titles shorter than this after folding ("Video", "Tin mới") are labels
 * that differ in their links: not compared by title. */
enum { MIN_FOLDED_TITLE_BYTES = 12 };

char *dedupe_fold_title(const char *title)
{
    char *folded = unicode_bare(title);
    if (!folded)
        return NULL;
    char *out = malloc(strlen(folded) + 1);
    if (!out) {
        free(folded);
        return NULL;
    }
    size_t len = 0;
    bool space = false;
    for (const char *p = folded; *p;) {
        int32_t c;
        size_t step = unicode_next(p, UNICODE_TO_NUL, &c);
        if (!step)
            break;
        if (c == 0x0111) /* đ has no decomposition: its base letter by hand */
            c = 'd';
        if (!unicode_is_word(c)) { /* the marks are stripped: letters and numbers */
            space = len > 0;
        } else {
            if (space)
                out[len++] = ' ';
            space = false;
            len += unicode_encode(c, out + len);
        }
        p += step;
    }
    out[len] = '\0';
    free(folded);
    return out;
}

/* The link as compared: scheme and host lower-cased, no fragment, no trailing slash. */
static char *fold_link(const char *link)
{
    size_t len = strcspn(link, "#");
    char *out = strndup(link, len);
    if (!out)
        return NULL;
    const char *host = strstr(out, "://");
    size_t host_end = host ? (size_t)(host - out) + 3 + strcspn(host + 3, "/?") : 0;
    for (size_t i = 0; i < host_end; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    while (len > host_end + 1 && out[len - 1] == '/')
        out[--len] = '\0';
    return out;
}

size_t dedupe_items(struct item_list *list)
{
    struct strset seen;
    if (!strset_init(&seen, list->count * 2, true)) /* a link and a title each */
        return 0; /* out of memory: shown twice rather than not at all */
    size_t kept = 0, removed = 0;
    for (size_t i = 0; i < list->count; i++) {
        struct item *item = &list->items[i];
        char *link = *item->link ? fold_link(item->link) : NULL;
        char *title = dedupe_fold_title(item->title);
        bool duplicate = false;
        /* Both keys go in, so a third item matching either is caught. */
        if (link)
            duplicate |= strset_add(&seen, link);
        if (title && strlen(title) >= MIN_FOLDED_TITLE_BYTES) {
            char *key = malloc(strlen(title) + 3);
            if (key) {
                key[0] = 't'; /* titles and links never meet */
                key[1] = ':';
                strcpy(key + 2, title);
                duplicate |= strset_add(&seen, key);
            }
        }
        free(title);
        if (duplicate) {
            item_clear(item);
            removed++;
            continue;
        }
        list->items[kept++] = *item;
    }
    list->count = kept;
    strset_clear(&seen);
    return removed;
}
