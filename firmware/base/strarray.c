#include "base/strarray.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"

bool strarray_append(char ***values, size_t *count, const char *value)
{
    char *copy = strdup(value);
    if (!copy)
        return false;
    if (!ARRAY_RESIZE(*values, *count + 1)) {
        free(copy);
        return false;
    }
    (*values)[(*count)++] = copy;
    return true;
}

void strarray_free(char **values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(values[i]);
    free(values);
}
