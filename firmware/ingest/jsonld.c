/* jsonld: see jsonld.h. */
#define _GNU_SOURCE /* strcasestr */
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

/* "VideoObject", "schema:VideoObject", "http://schema.org/VideoObject":
 * a type written compact, with a prefix or as its full IRI (JSON-LD 1.1
 * section 3.2) is the same type. */
static bool type_is(const char *type, const char *name)
{
    size_t len = strlen(type), name_len = strlen(name);
    if (len < name_len || strcmp(type + len - name_len, name))
        return false;
    if (len == name_len)
        return true;
    char before = type[len - name_len - 1];
    return (before == '/' || before == ':' || before == '#') && strcasestr(type, "schema");
}

/* Whether the object's @type (a string or an array of them) is name. */
static bool has_type(json_object *obj, const char *name)
{
    json_object *type;
    if (!json_object_object_get_ex(obj, "@type", &type))
        return false;
    if (json_object_is_type(type, json_type_string))
        return type_is(json_object_get_string(type), name);
    if (json_object_is_type(type, json_type_array))
        for (size_t i = 0; i < json_object_array_length(type); i++) {
            json_object *one = json_object_array_get_idx(type, i);
            if (json_object_is_type(one, json_type_string) && type_is(json_object_get_string(one), name))
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

/* How an object was reached: the @graph it sits in (for resolving an
 * {"@id": ...} reference), and whether it is a page's mainEntity. */
struct place {
    json_object *graph;
    bool main;
};

static void read_object(json_object *obj, struct jsonld_facts *facts, int depth, struct place place);

static void read_any(json_object *value, struct jsonld_facts *facts, int depth, struct place place)
{
    if (depth > 8)
        return;
    if (json_object_is_type(value, json_type_array))
        for (size_t i = 0; i < json_object_array_length(value); i++)
            read_any(json_object_array_get_idx(value, i), facts, depth + 1, place);
    else if (json_object_is_type(value, json_type_object))
        read_object(value, facts, depth, place);
}

/* {"@id": "#video"} alone: the node of the graph that it names, or the
 * reference itself when the graph has none. */
static json_object *resolve(json_object *ref, json_object *graph)
{
    const char *id = string_of(ref, "@id");
    json_object *type;
    if (!id || json_object_object_get_ex(ref, "@type", &type) || !json_object_is_type(graph, json_type_array))
        return ref;
    for (size_t i = 0; i < json_object_array_length(graph); i++) {
        json_object *node = json_object_array_get_idx(graph, i);
        const char *node_id = string_of(node, "@id");
        if (node != ref && node_id && !strcmp(node_id, id))
            return node;
    }
    return ref;
}

static void read_object(json_object *obj, struct jsonld_facts *facts, int depth, struct place place)
{
    json_object *graph;
    if (json_object_object_get_ex(obj, "@graph", &graph))
        read_any(graph, facts, depth + 1, (struct place){graph, false});
    /* A WebPage whose mainEntity is the NewsArticle or the VideoObject
     * (schema.org's "what this page is about"), maybe named by its @id in
     * the graph; other nested objects (hasPart, an ItemList of teasers, an
     * article's embedded clip) are not the page's own story and are not
     * followed. mainEntityOfPage points the other way: the story names its
     * page. */
    static const char *const main_keys[] = {"mainEntity", "mainEntityOfPage", NULL};
    for (const char *const *key = main_keys; *key; key++) {
        json_object *main_entity;
        if (!json_object_object_get_ex(obj, *key, &main_entity))
            continue;
        bool main = key == main_keys;
        json_object *node = json_object_is_type(main_entity, json_type_object) ? resolve(main_entity, place.graph)
                                                                                : main_entity;
        if (node == main_entity)
            read_any(main_entity, facts, depth + 1, (struct place){place.graph, main});
        else if (main && has_type(node, "VideoObject")) /* the graph's own node: read there, once */
            facts->video = true;
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
    /* a video inside an article does not make it a video page, unless the
     * page says the video is what it is about */
    facts->video |= video && (!facts->article || place.main);
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

/* Whether text[*at..] starts with mark, skipping spaces; moves past it. */
static bool skip_mark(const char *text, size_t size, size_t *at, const char *mark)
{
    size_t i = *at, len = strlen(mark);
    while (i < size && strchr(" \t\r\n", text[i]))
        i++;
    if (size - i < len || memcmp(text + i, mark, len))
        return false;
    *at = i + len;
    return true;
}

static bool trim_mark(const char *text, size_t *size, size_t at, const char *mark)
{
    size_t end = *size, len = strlen(mark);
    while (end > at && strchr(" \t\r\n;", text[end - 1]))
        end--;
    if (end - at < len || memcmp(text + end - len, mark, len))
        return false;
    *size = end - len;
    return true;
}

void jsonld_read(const char *text, size_t size, struct jsonld_facts *facts)
{
    /* the wrappers of pages made for old browsers: "<!-- ... -->",
     * "//<![CDATA[ ... //]]>" around the JSON */
    size_t at = 0;
    static const char *const opens[] = {"<!--", "//<![CDATA[", "<![CDATA[", NULL};
    static const char *const closes[] = {"-->", "//]]>", "]]>", NULL};
    for (size_t i = 0; opens[i]; i++)
        if (skip_mark(text, size, &at, opens[i]) && !trim_mark(text, &size, at, closes[i]) && i == 1)
            trim_mark(text, &size, at, closes[2]);
    json_tokener *tokener = json_tokener_new();
    if (!tokener)
        return;
    size -= at;
    json_object *root = size <= (size_t)1 << 30 ? json_tokener_parse_ex(tokener, text + at, (int)size) : NULL;
    json_tokener_free(tokener);
    if (root)
        read_any(root, facts, 0, (struct place){NULL, false});
    json_object_put(root);
}
