/* The ids of one feed's items as they stream past: a reused guid told apart,
 * a copy of an item dropped, without keeping the items (feed_parts.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "ingest/feed_parts.h"

/* A key of the table: bit 0 is the slot's flag, 0 means empty. */
static uint64_t key_of(uint64_t h)
{
    h &= ~1ULL;
    return h ? h : 2;
}

static bool grow(struct feed_ids *ids)
{
    size_t cap = ids->mask ? (ids->mask + 1) * 2 : 1024;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; ids->mask && i <= ids->mask; i++) {
        if (!ids->slots[i])
            continue;
        size_t j = (size_t)(ids->slots[i] >> 1) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = ids->slots[i];
    }
    free(ids->slots);
    ids->slots = slots;
    ids->mask = cap - 1;
    return true;
}

/* The slot of key: found (*found) or the empty one where it goes. */
static uint64_t *slot_of(struct feed_ids *ids, uint64_t key, bool *found)
{
    size_t j = (size_t)(key >> 1) & ids->mask;
    while (ids->slots[j] && (ids->slots[j] & ~1ULL) != key)
        j = (j + 1) & ids->mask;
    *found = ids->slots[j] != 0;
    return &ids->slots[j];
}

/* Adds key (kept at most half full); *slot gets its slot. False on OOM. */
static bool add(struct feed_ids *ids, uint64_t key, bool *found, uint64_t **slot)
{
    if ((ids->count + 1) * 2 > ids->mask + 1 && !grow(ids))
        return false;
    *slot = slot_of(ids, key, found);
    if (!*found) {
        **slot = key;
        ids->count++;
    }
    return true;
}

void feed_ids_free(struct feed_ids *ids)
{
    free(ids->slots);
    memset(ids, 0, sizeof *ids);
}

bool feed_own_id(struct item *item, const char *source)
{
    if (*item->link)
        return item_set(&item->id, item->link);
    char id[19];
    item_make_id(source, item->title, id);
    return item_set(&item->id, id);
}

bool feed_ids_finish(struct feed_ids *ids, struct item *item, const char *source, bool *keep)
{
    *keep = true;
    if (!item_set(&item->source, source) || (!*item->id && !feed_own_id(item, source)))
        return false;
    /* one pass: the id's hash, then on through the title and the link for the
     * story's; two different ids collide with odds of about n² / 2^64 */
    uint64_t id_hash = hash_text_field(HASH_FNV1A_BASIS, item->id);
    uint64_t story_hash = hash_text_field(hash_text_field(id_hash, item->title), item->link);
    bool found;
    uint64_t *slot;
    if (!add(ids, key_of(story_hash), &found, &slot))
        return false;
    if (found) { /* the same item listed twice under one id: kept once */
        *keep = false;
        return true;
    }
    if (!add(ids, key_of(id_hash), &found, &slot))
        return false;
    if (!found)
        return true;
    /* Another item had this id: this one gets its own (its link); the first
     * keeps the guid, as it already went on. */
    ids->reused += (*slot & 1) ? 1 : 2; /* the first item with the id counts too */
    *slot |= 1;
    return feed_own_id(item, source);
}
