/* The alerts a CAP message clears (see cap_refs.h). */
#include "ingest/cap_refs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/log.h"
#include "ingest/date.h"

void cap_clears_free(struct cap_clears *clears)
{
    for (size_t i = 0; i < clears->count; i++) {
        free(clears->items[i].sender);
        free(clears->items[i].identifier);
        free(clears->items[i].by_sender);
    }
    free(clears->items);
    *clears = (struct cap_clears){0};
}

bool cap_clears_add(struct cap_clears *clears, const char *sender, const char *identifier, const char *by_sender,
                    int64_t by_sent, int64_t expires)
{
    if (!ARRAY_GROW(clears->items, clears->capacity, clears->count + 1, 4))
        return false;
    struct cap_clear one = {strdup(sender), strdup(identifier), strdup(by_sender), by_sent, expires};
    if (!one.sender || !one.identifier || !one.by_sender) {
        free(one.sender);
        free(one.identifier);
        free(one.by_sender);
        return false;
    }
    clears->items[clears->count++] = one;
    return true;
}

/* Whether entry is "sender,identifier,sent" with both names non-empty and
 * sent a date; *comma1 and *comma2 point at its two commas. */
static bool well_formed(char *entry, char **comma1, char **comma2)
{
    char *first = strchr(entry, ','), *second = first ? strchr(first + 1, ',') : NULL;
    if (!first || !second || strchr(second + 1, ',') || first == entry || second == first + 1 || !second[1])
        return false;
    int64_t sent;
    if (!date_parse(second + 1, &sent))
        return false;
    *comma1 = first;
    *comma2 = second;
    return true;
}

bool cap_clears_add_references(struct cap_clears *clears, const char *name, const char *message,
                               const char *references, const char *by_sender, int64_t by_sent, int64_t expires)
{
    char *copy = strdup(references ? references : "");
    if (!copy)
        return false;
    bool ok = true;
    for (char *save = NULL, *entry = strtok_r(copy, " \t\r\n", &save); ok && entry;
         entry = strtok_r(NULL, " \t\r\n", &save)) {
        char *comma1, *comma2, shown[160];
        if (!well_formed(entry, &comma1, &comma2)) {
            /* A wrong guess here would take a live warning off every screen. */
            snprintf(shown, sizeof shown, "%s", entry);
            log_warn("%s: CAP message %s: reference \"%s\" is not sender,identifier,sent (CAP 1.2 §3.2.1); "
                     "it clears no alert of another source",
                     name, message, shown);
            continue;
        }
        *comma1 = *comma2 = '\0';
        ok = cap_clears_add(clears, entry, comma1 + 1, by_sender, by_sent, expires);
    }
    free(copy);
    return ok;
}

char *cap_item_id(const char *sender, const char *identifier)
{
    size_t size = strlen(sender) + strlen(identifier) + 6;
    char *id = malloc(size);
    if (id)
        snprintf(id, size, "cap:%s/%s", sender, identifier);
    return id;
}

/* One item of clears set for the alert whose id is cap:SENDER/IDENTIFIER. */
static bool push_clear(const struct cap_clear *clear, const char *sender, struct item_list *out)
{
    struct item item;
    item_init(&item);
    char *id = cap_item_id(sender, clear->identifier);
    item.clears = true;
    item.published = clear->by_sent;
    item.has_published = clear->by_sent != 0;
    item.expires = clear->expires;
    bool ok = id && item_set(&item.id, id) && item_list_push(out, &item);
    item_clear(&item);
    free(id);
    return ok;
}

bool cap_clears_to_items(const struct cap_clears *clears, struct item_list *out)
{
    bool ok = true;
    for (size_t i = 0; ok && i < clears->count; i++) {
        const struct cap_clear *clear = &clears->items[i];
        ok = push_clear(clear, clear->sender, out);
        if (ok && clear->by_sender[0] && strcasecmp(clear->by_sender, clear->sender))
            ok = push_clear(clear, clear->by_sender, out);
    }
    return ok;
}
