#include "ingest/picture_ref.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"

bool picture_ref_is_absolute(const char *ref)
{
    const char *p = ref;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

bool picture_ref_is_web(const char *ref)
{
    return strncasecmp(ref, "http://", 7) == 0 || strncasecmp(ref, "https://", 8) == 0;
}

bool picture_ref_is_site_relative(const char *path, const char *ref)
{
    if (!path || path[0] != '/' || ref[0] != '/')
        return false;
    if (ref[1] == '/')
        return true;
    size_t folder = (size_t)(strrchr(path, '/') - path);
    return !folder || strncmp(ref, path, folder) || ref[folder] != '/';
}

static bool allowed(const struct ingest_context *context, const char *ref)
{
    if (picture_ref_is_web(ref))
        return true;
    bool local_document = context && context->path && context->path[0] == '/';
    return local_document && (ref[0] == '/' || strncasecmp(ref, "file://", 7) == 0);
}

void picture_ref_limit(const struct ingest_context *context, struct item *item)
{
    size_t kept = 0;
    for (size_t i = 0; i < item->picture_count; i++) {
        struct item_picture *p = &item->pictures[i];
        if (allowed(context, p->url)) {
            item->pictures[kept++] = *p;
            continue;
        }
        log_warn("%s: picture %s refused: a document from the network may name only http(s) pictures",
                 context && context->name ? context->name : "a document", p->url);
        free(p->url);
        free(p->caption);
    }
    item->picture_count = kept;
    if (!kept) {
        free(item->pictures);
        item->pictures = NULL;
    }
}
