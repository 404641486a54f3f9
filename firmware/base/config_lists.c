/* struct string_list, the lists of settings (see config.h). */
#include "base/config.h"

#include <stdlib.h>
#include <string.h>

#include "base/strarray.h"

bool string_list_add(struct string_list *list, const char *value)
{
    return strarray_append(&list->values, &list->count, value);
}

bool string_list_add_csv(struct string_list *list, const char *csv)
{
    char *copy = strdup(csv);
    if (!copy)
        return false;
    bool ok = true;
    char *save = NULL;
    for (char *part = strtok_r(copy, ",", &save); ok && part; part = strtok_r(NULL, ",", &save)) {
        while (*part == ' ' || *part == '\t')
            part++;
        char *end = part + strlen(part);
        while (end > part && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (*part)
            ok = string_list_add(list, part);
    }
    free(copy);
    return ok;
}

void string_list_clear(struct string_list *list)
{
    strarray_free(list->values, list->count);
    list->values = NULL;
    list->count = 0;
}

bool string_list_equal(const struct string_list *a, const struct string_list *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->values[i], b->values[i]))
            return false;
    return true;
}

bool config_text_equal(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}
