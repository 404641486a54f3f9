/* array: growing a C array held as a pointer, a count and a capacity, the
 * way git's ALLOC_GROW does, but returning false on out-of-memory instead
 * of dying (the kiosk keeps running on what it has).
 * Owns: the growth policy (doubling from a first capacity) and the size
 * arithmetic's overflow checks.  Never: frees, or moves elements.
 * Thread: the caller's; the array is the caller's to lock.
 *
 *     if (!ARRAY_GROW(list->items, list->capacity, list->count + 1, 16))
 *         return false;                  // list unchanged
 *     list->items[list->count++] = item;
 */
#ifndef TICKER_ARRAY_H
#define TICKER_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Room for at least `need` elements in array (a pointer lvalue, NULL when
 * empty), whose capacity is the size_t lvalue cap: when need > cap the
 * capacity doubles from `first` until it holds need. False on OOM or
 * overflow, array and cap unchanged. */
#define ARRAY_GROW(array, cap, need, first)                                                                            \
    ((size_t)(need) <= (cap) || array_grow_((void *)&(array), &(cap), (need), sizeof *(array), (first)))
/* Exactly n elements in array (realloc with an overflow check), for arrays
 * that keep no capacity; n 0 frees nothing and succeeds. False on OOM,
 * array unchanged. */
#define ARRAY_RESIZE(array, n) array_resize_((void *)&(array), (n), sizeof *(array))

bool array_grow_(void *array_slot, size_t *cap, size_t need, size_t element_size, size_t first);
bool array_resize_(void *array_slot, size_t n, size_t element_size);

#endif
