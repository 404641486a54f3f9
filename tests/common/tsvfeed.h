/* For the C tests: a stand-in for the feed parser with the same shape as
 * source_parse_buffer_info / reader_load, reading the line format of
 * tests/feedserver.py (fmt=tsv), so the fetch and cache tests depend on
 * neither the feed module nor the network. Counts its calls: a 304 must
 * cost no parse. Header-only, one copy per test program. */
#ifndef TICKER_TSVFEED_H
#define TICKER_TSVFEED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/item.h"
#include "ingest/source.h"

static int tsvfeed_parse_calls;
/* When set, every parsed id is also appended here (the power-cut test
 * logs what each committed cycle held). */
static struct item_list *tsvfeed_record;

static bool tsvfeed_parse(const struct ingest_context *context, const char *data, size_t size,
                          const struct config *config, struct item_list *out, struct source_info *info, char *err,
                          size_t err_size)
{
    const char *name = context->name;
    (void)config;
    if (info)
        memset(info, 0, sizeof *info);
    tsvfeed_parse_calls++;
    if (size < 10 || strncmp(data, "#tsv-feed ", 10) != 0 || memchr(data, '\0', size)) {
        snprintf(err, err_size, "%s: not a feed", name);
        return false;
    }
    char *copy = strndup(data, size), *save = NULL;
    char feed_name[256] = "";
    size_t before = out->count;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "#tsv-feed ", 10) == 0) {
            snprintf(feed_name, sizeof feed_name, "%s", line + 10);
            continue;
        }
        if (strncmp(line, "#<ttl>", 6) == 0 && info) {
            info->ttl_minutes = atoi(line + 6);
            continue;
        }
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        struct item item;
        item_init(&item);
        item_set(&item.id, line);
        item_set(&item.title, tab + 1);
        item_set(&item.source, feed_name);
        if (tsvfeed_record)
            item_list_append_copy(tsvfeed_record, &item);
        item_list_push(out, &item);
        item_clear(&item);
    }
    free(copy);
    if (out->count == before) {
        snprintf(err, err_size, "%s: no items", name);
        return false;
    }
    return true;
}

static bool tsvfeed_load(const char *location, const struct config *config, struct item_list *out, char *err,
                         size_t err_size)
{
    (void)config;
    FILE *file = fopen(location, "rb");
    if (!file) {
        snprintf(err, err_size, "%s: cannot open", location);
        return false;
    }
    char data[65536];
    size_t size = fread(data, 1, sizeof data, file);
    fclose(file);
    struct ingest_context context = {.name = location};
    return tsvfeed_parse(&context, data, size, NULL, out, NULL, err, err_size);
}

#endif
