#include "ingest/jsonld.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const article_types[] = {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                                            "BlogPosting", "LiveBlogPosting", "OpinionNewsArticle", "Report",
                                            "BackgroundNewsArticle", "ReviewNewsArticle", NULL};

static const char *string_of(json_object *obj, const char *key)
{
    json_object *value;
    if (!json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &value))
        return NULL;
    return json_object_is_type(value, json_type_string) ? json_object_get_string(value) : NULL;
}

/* Whether the object's @type (a string or an array of them) is name. */
static bool has_type(json_object *obj, const char *name)
{
    json_object *type;
    if (!json_object_object_get_ex(obj, "@type", &type))
        return false;
    if (json_object_is_type(type, json_type_string))
        return !strcmp(json_object_get_string(type), name);
    if (json_object_is_type(type, json_type_array))
        for (size_t i = 0; i < json_object_array_length(type); i++) {
            json_object *one = json_object_array_get_idx(type, i);
            if (json_object_is_type(one, json_type_string) && !strcmp(json_object_get_string(one), name))
                return true;
        }
    return false;
}

static void add_section(struct jsonld_facts *facts, const char *name)
{
    if (!name || !*name || facts->section_count >= JSONLD_MAX_SECTIONS)
        return;
    snprintf(facts->sections[facts->section_count++], sizeof facts->sections[0], "%s", name);
}

static void read_breadcrumbs(json_object *list, struct jsonld_facts *facts)
{
    json_object *elements;
    if (!json_object_object_get_ex(list, "itemListElement", &elements) ||
        !json_object_is_type(elements, json_type_array))
        return;
    for (size_t i = 0; i < json_object_array_length(elements); i++) {
        json_object *element = json_object_array_get_idx(elements, i), *item;
        const char *name = string_of(element, "name");
        if (!name && json_object_object_get_ex(element, "item", &item))
            name = string_of(item, "name");
        add_section(facts, name);
    }
}

static void read_object(json_object *obj, struct jsonld_facts *facts, int depth);

static void read_any(json_object *value, struct jsonld_facts *facts, int depth)
{
    if (depth > 8)
        return;
    if (json_object_is_type(value, json_type_array))
        for (size_t i = 0; i < json_object_array_length(value); i++)
            read_any(json_object_array_get_idx(value, i), facts, depth + 1);
    else if (json_object_is_type(value, json_type_object))
        read_object(value, facts, depth);
}

static void read_object(json_object *obj, struct jsonld_facts *facts, int depth)
{
    json_object *graph;
    if (json_object_object_get_ex(obj, "@graph", &graph))
        read_any(graph, facts, depth + 1);
    /* A WebPage whose mainEntity is the NewsArticle (schema.org's "what this
     * page is about"); other nested objects (hasPart, an ItemList of
     * teasers) are not the page's own story and are not followed. */
    static const char *const main_keys[] = {"mainEntity", "mainEntityOfPage", NULL};
    for (const char *const *key = main_keys; *key; key++) {
        json_object *main_entity;
        if (json_object_object_get_ex(obj, *key, &main_entity))
            read_any(main_entity, facts, depth + 1);
    }
    bool article = false;
    for (const char *const *t = article_types; *t && !article; t++)
        article = has_type(obj, *t);
    bool video = has_type(obj, "VideoObject");
    if (has_type(obj, "BreadcrumbList"))
        read_breadcrumbs(obj, facts);
    if (!article && !video)
        return;
    facts->article |= article;
    facts->video |= video && !facts->article; /* a video inside an article does not make it a video page */
    const char *published = string_of(obj, "datePublished");
    if (!published && video)
        published = string_of(obj, "uploadDate");
    if (published && !facts->published[0])
        snprintf(facts->published, sizeof facts->published, "%s", published);
    json_object *section;
    if (json_object_object_get_ex(obj, "articleSection", &section)) {
        if (json_object_is_type(section, json_type_string))
            add_section(facts, json_object_get_string(section));
        else if (json_object_is_type(section, json_type_array))
            for (size_t i = 0; i < json_object_array_length(section); i++)
                add_section(facts, json_object_get_string(json_object_array_get_idx(section, i)));
    }
}

void jsonld_read(const char *text, size_t size, struct jsonld_facts *facts)
{
    json_tokener *tokener = json_tokener_new();
    if (!tokener)
        return;
    json_object *root = size <= (size_t)1 << 30 ? json_tokener_parse_ex(tokener, text, (int)size) : NULL;
    json_tokener_free(tokener);
    if (root)
        read_any(root, facts, 0);
    json_object_put(root);
}
