#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The slot holds a T *; it is read and written with memcpy, so that a
 * struct x ** can come through a void * without breaking aliasing rules. */
static bool reallocate(void *array_slot, size_t n, size_t element_size)
{
    if (n && element_size > SIZE_MAX / n)
        return false;
    void *old;
    memcpy(&old, array_slot, sizeof old);
    void *grown = realloc(old, n ? n * element_size : 1);
    if (!grown)
        return false;
    memcpy(array_slot, &grown, sizeof grown);
    return true;
}

bool array_grow_(void *array_slot, size_t *cap, size_t need, size_t element_size, size_t first)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : (first ? first : 1);
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return false;
        n *= 2;
    }
    if (!reallocate(array_slot, n, element_size))
        return false;
    *cap = n;
    return true;
}

bool array_resize_(void *array_slot, size_t n, size_t element_size)
{
    return n == 0 || reallocate(array_slot, n, element_size);
}
