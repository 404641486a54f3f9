#include "base/strset.h"
#include "base/hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool strset_init(struct strset *set, size_t max_keys, bool owns_keys)
{
    size_t slots = 16;
    while (slots < max_keys * 4)
        slots *= 2;
    set->slots = calloc(slots, sizeof *set->slots);
    set->mask = slots - 1;
    set->owns_keys = owns_keys;
    return set->slots != NULL;
}

bool strset_add(struct strset *set, const char *key)
{
    for (size_t i = hash_string(key) & set->mask /* FNV-1a: spread, not secret */;; i = (i + 1) & set->mask) {
        if (!set->slots[i]) {
            set->slots[i] = key;
            return false;
        }
        if (!strcmp(set->slots[i], key)) {
            if (set->owns_keys)
                free((char *)key);
            return true;
        }
    }
}

void strset_clear(struct strset *set)
{
    if (set->owns_keys && set->slots)
        for (size_t i = 0; i <= set->mask; i++)
            free((char *)set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof *set);
}
