#include "screen/text/widthcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"

struct slot {
    char *text; /* NULL: empty */
    int font;
    int width;
};

struct widthcache {
    struct slot slots[WIDTHCACHE_SLOTS];
};

static size_t slot_of(int font, const char *text)
{
    uint64_t h = hash_text(hash_mix(HASH_FNV1A_BASIS, (uint64_t)(unsigned)font), text);
    return (size_t)(h % WIDTHCACHE_SLOTS);
}

struct widthcache *widthcache_create(void)
{
    return calloc(1, sizeof(struct widthcache));
}

void widthcache_destroy(struct widthcache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < WIDTHCACHE_SLOTS; i++)
        free(c->slots[i].text);
    free(c);
}

bool widthcache_get(const struct widthcache *c, int font, const char *text, int *width)
{
    const struct slot *s = &c->slots[slot_of(font, text)];
    if (!s->text || s->font != font || strcmp(s->text, text) != 0)
        return false;
    *width = s->width;
    return true;
}

void widthcache_put(struct widthcache *c, int font, const char *text, int width)
{
    size_t n = strlen(text);
    if (n > 255)
        return;
    struct slot *s = &c->slots[slot_of(font, text)];
    char *copy = malloc(n + 1);
    if (!copy)
        return;
    memcpy(copy, text, n + 1);
    free(s->text);
    *s = (struct slot){copy, font, width};
}
