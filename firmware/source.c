#include "source.h"

#include <stdio.h>
#include <string.h>

/* Placeholder until ingest is built; fails loudly. */
bool source_is_url(const char *location)
{
    return strncmp(location, "http://", 7) == 0 || strncmp(location, "https://", 8) == 0;
}

bool source_load(const char *location, const struct config *config, struct item_list *out, char *err, size_t err_size)
{
    (void)config;
    (void)out;
    snprintf(err, err_size, "%s: source loading is not built yet", location);
    return false;
}

bool source_parse_buffer(const char *name, const char *data, size_t size, const struct kind_rules *rules,
                         struct item_list *out, char *err, size_t err_size)
{
    (void)data;
    (void)size;
    (void)rules;
    (void)out;
    snprintf(err, err_size, "%s: parsing is not built yet", name);
    return false;
}
