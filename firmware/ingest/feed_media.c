/* feed_media: the pictures an item names beside its text -- Media RSS
 * (media:content, media:thumbnail, media:group and the media:description
 * that captions them), RSS enclosures and Atom enclosure links -- and the
 * order they are offered in; whether the item is a video (YouTube's yt:,
 * a medium or type of video), whose media:title and media:description are
 * then its title and text, not a caption.
 * Owns: which of those elements is a picture.  Never: reads the item's own
 * text fields or opens a picture.  Thread: the parsing thread's. */
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/feed_parts.h"

/* YouTube's feeds' own elements: http://www.youtube.com/xml/schemas/2015 */
#define FEED_NS_YOUTUBE "http://www.youtube.com/xml/schemas/"

enum { PICTURE_FIT_PIXELS = 1920 /* the largest picture that fits a screen comes first */ };

static int int_prop(xmlNode *node, const char *name)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    long n = value ? strtol((const char *)value, NULL, 10) : 0;
    xmlFree(value);
    return n > 0 && n < 100000 ? (int)n : 0;
}

static bool prop_starts(xmlNode *node, const char *name, const char *prefix)
{
    xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
    bool yes = value && !strncasecmp((const char *)value, prefix, strlen(prefix));
    xmlFree(value);
    return yes;
}

/* A picture named by an attribute (url, href) when the type or medium says image. */
void feed_media_picture(struct item_parts *parts, xmlNode *node, const char *url_attribute, bool known_image)
{
    if (!known_image && !prop_starts(node, "type", "image/") && !prop_starts(node, "medium", "image"))
        return;
    xmlChar *url = xmlGetProp(node, (const xmlChar *)url_attribute);
    if (url) {
        char *caption = NULL;
        for (xmlNode *child = node->children; child; child = child->next)
            if (!caption && feed_is_module(child, FEED_NS_MEDIA, "media", "description"))
                caption = feed_item_html_text(parts, child);
        feed_item_add_picture(parts, (const char *)url, caption, int_prop(node, "width"), int_prop(node, "height"));
        free(caption);
    }
    xmlFree(url);
}

bool feed_media_is_element(const xmlNode *node)
{
    return feed_is_module(node, FEED_NS_MEDIA, "media", "description") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "title") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "content") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "group") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "thumbnail");
}

/* A media:content, enclosure or link whose medium or type is a video's. */
static bool names_video(xmlNode *node)
{
    return prop_starts(node, "medium", "video") || prop_starts(node, "type", "video/") ||
           prop_starts(node, "type", "application/x-shockwave-flash");
}

/* An element of YouTube's vocabulary (yt:videoId, yt:channelId), declared or not. */
static bool is_youtube_element(const xmlNode *node)
{
    if (node->type != XML_ELEMENT_NODE)
        return false;
    if (node->ns && node->ns->href)
        return !strncmp((const char *)node->ns->href, FEED_NS_YOUTUBE, strlen(FEED_NS_YOUTUBE));
    return !strncmp((const char *)node->name, "yt:", 3);
}

bool feed_media_is_video(const xmlNode *item)
{
    for (xmlNode *child = item->children; child; child = child->next) {
        if (is_youtube_element(child))
            return true;
        if (feed_is_element(child, "id") && child->children && child->children->content &&
            !strncmp((const char *)child->children->content, "yt:video:", 9))
            return true; /* YouTube's id of a video, where its yt: elements were left out */
        bool enclosure = feed_is_element(child, "enclosure") ||
                         (feed_is_element(child, "link") && prop_starts(child, "rel", "enclosure"));
        if ((enclosure || feed_is_module(child, FEED_NS_MEDIA, "media", "content")) && names_video(child))
            return true;
        if (feed_is_module(child, FEED_NS_MEDIA, "media", "group") && feed_media_is_video(child))
            return true;
    }
    return false;
}

static void keep_first(char **field, char *value, bool *ok)
{
    if (!value)
        *ok = false;
    else if (!*field && *value)
        *field = value;
    else
        free(value);
}

/* media:content / media:thumbnail are pictures; media:description is a
 * caption wherever media:content / media:group nest it -- except in a
 * video, where it says what the video is about: the item's text (unless
 * it captions one picture of the video's, inside that picture's content). */
void feed_media_read(struct item_parts *parts, xmlNode *node)
{
    if (feed_is_module(node, FEED_NS_MEDIA, "media", "thumbnail"))
        feed_media_picture(parts, node, "url", true);
    else if (feed_is_module(node, FEED_NS_MEDIA, "media", "content"))
        feed_media_picture(parts, node, "url", false);
    xmlNode *parent = node->parent;
    bool of_picture = parent && feed_is_module(parent, FEED_NS_MEDIA, "media", "content") && !names_video(parent);
    if (feed_is_module(node, FEED_NS_MEDIA, "media", "title")) {
        if (!of_picture)
            keep_first(&parts->media_title, feed_title_text(node), &parts->ok);
        return;
    }
    if (!feed_is_module(node, FEED_NS_MEDIA, "media", "description")) {
        for (xmlNode *child = node->children; child; child = child->next)
            if (feed_media_is_element(child))
                feed_media_read(parts, child);
        return;
    }
    char *text = feed_item_html_text(parts, node);
    if (parts->video && !of_picture) {
        keep_first(&parts->media_text, text, &parts->ok);
        return;
    }
    if (!text || (*text && !feed_item_add_caption(&parts->item, text)))
        parts->ok = false;
    free(text);
}

/* Largest picture that fits the screen first, then unknown sizes, then the
 * too large, smallest first: a group, then a key within it (lower first). */
static void picture_order(const struct item_picture *p, int *group, int *key)
{
    int size = p->width > p->height ? p->width : p->height;
    *group = size == 0 ? 1 : size <= PICTURE_FIT_PIXELS ? 0 : 2;
    *key = *group == 0 ? -size : *group == 2 ? size : 0;
}

static int compare_pictures(const void *a, const void *b)
{
    int ga, ka, gb, kb;
    picture_order(a, &ga, &ka);
    picture_order(b, &gb, &kb);
    return ga != gb ? (ga > gb) - (ga < gb) : (ka > kb) - (ka < kb);
}

void feed_media_sort_pictures(struct item *item)
{
    /* a stable insertion sort: the order of equals stays the source's */
    for (size_t i = 1; i < item->picture_count; i++) {
        struct item_picture p = item->pictures[i];
        size_t j = i;
        while (j > 0 && compare_pictures(&item->pictures[j - 1], &p) > 0) {
            item->pictures[j] = item->pictures[j - 1];
            j--;
        }
        item->pictures[j] = p;
    }
}

