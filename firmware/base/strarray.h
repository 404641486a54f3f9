/* strarray: an array of owned strings kept as a pointer and a count (an
 * item's captions, a config list, a directory listing).  Owns: growing and
 * freeing such arrays.  Never: sorts, searches or interprets the strings. */
#ifndef TICKER_STRARRAY_H
#define TICKER_STRARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Appends a copy of value; on OOM returns false and leaves the array as it
 * was (still valid to free). */
bool strarray_append(char ***values, size_t *count, const char *value);
/* Frees every string and the array; NULL with count 0 is fine. */
void strarray_free(char **values, size_t count);

#endif
