/* strset: a set of strings for "seen before?" in constant time, sized once
 * for the number of keys it will hold, so that a pass over n strings costs
 * linear time.  Owns: its slots and, when made with owns_keys, the keys.
 * Never: grows (the caller knows its count up front) or copies a key.
 * Written by hand: libc's hsearch is one global table per process. */
#ifndef TICKER_STRSET_H
#define TICKER_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
    const char **slots;
    size_t mask;
    bool owns_keys;
};

/* Room for at least max_keys keys (a quarter of the slots at most, so that
 * probes stay short). owns_keys: the set frees each key it is given (at
 * once when already there, else at strset_clear). Returns false on OOM. */
bool strset_init(struct strset *set, size_t max_keys, bool owns_keys);
/* Adds key; returns whether an equal key was there already. At most
 * max_keys different keys may be added. */
bool strset_add(struct strset *set, const char *key);
void strset_clear(struct strset *set);

#endif
