#include "screen/widthcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    uint64_t h = (1469598103934665603ULL ^ (uint64_t)(unsigned)font) * 1099511628211ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
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
