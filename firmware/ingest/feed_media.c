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
#include "ingest/text.h"

/* YouTube's feeds' own elements: http://www.youtube.com/xml/schemas/2015 */
#define FEED_NS_YOUTUBE "http://www.youtube.com/xml/schemas/"

enum {
    PICTURE_FIT_PIXELS = 1920,      /* the largest picture that fits a screen comes first */
    PICTURE_THUMBNAIL_PIXELS = 320, /* a rendition this small comes after any other */
};

/* An attribute's value, NULL when it is absent; xmlGetProp's, without its
 * copy where libxml2 holds the value as one text (the usual case: an
 * item's media elements are asked a dozen of them). *copy is what the
 * caller xmlFrees (NULL when nothing was copied). */
static const char *prop_value(xmlNode *node, const char *name, xmlChar **copy)
{
    *copy = NULL;
    xmlAttr *attr = xmlHasProp(node, (const xmlChar *)name);
    if (!attr)
        return NULL;
    const xmlNode *text = attr->type == XML_ATTRIBUTE_NODE ? attr->children : NULL;
    if (text && !text->next && text->content && (text->type == XML_TEXT_NODE || text->type == XML_CDATA_SECTION_NODE))
        return (const char *)text->content;
    *copy = xmlGetProp(node, (const xmlChar *)name); /* a default from a DTD, or entities in the value */
    return (const char *)*copy;
}

static int int_prop(xmlNode *node, const char *name)
{
    xmlChar *copy;
    const char *value = prop_value(node, name, &copy);
    long n = value ? text_leading_long(value, NULL) : 0;
    xmlFree(copy);
    return n > 0 && n < 100000 ? (int)n : 0;
}

static bool prop_starts(xmlNode *node, const char *name, const char *prefix)
{
    xmlChar *copy;
    const char *value = prop_value(node, name, &copy);
    bool yes = value && !strncasecmp(value, prefix, strlen(prefix));
    xmlFree(copy);
    return yes;
}

static bool has_prop(xmlNode *node, const char *name)
{
    xmlChar *copy;
    const char *value = prop_value(node, name, &copy);
    bool yes = value && *value;
    xmlFree(copy);
    return yes;
}

enum { EXTENSION_FILM = -2, EXTENSION_OTHER = -1, EXTENSION_PICTURE = 1 };

/* What a URL's extension says it names: a picture, a film, something
 * else (a sound, a page), or 0: nothing (none, or one not known). */
static int extension_says(const char *url)
{
    static const char *const pictures[] = {"jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp", "avif", "bmp", NULL};
    static const char *const films[] = {"mp4", "m4v",  "mov", "webm", "mkv",  "avi", "flv", "wmv",
                                        "mpg", "mpeg", "3gp", "ogv",  "m3u8", "mpd", NULL};
    static const char *const others[] = {"ts",   "mp3", "m4a", "aac", "ogg", "oga",  "opus", "wav",
                                         "flac", "wma", "swf", "pdf", "htm", "html", "php",  NULL};
    size_t end = strcspn(url, "?#");
    const char *dot = NULL;
    for (const char *p = url; p < url + end; p++)
        if (*p == '.')
            dot = p;
        else if (*p == '/')
            dot = NULL;
    if (!dot)
        return 0;
    size_t n = (size_t)(url + end - dot - 1);
    for (const char *const *e = pictures; *e; e++)
        if (n == strlen(*e) && !strncasecmp(dot + 1, *e, n))
            return EXTENSION_PICTURE;
    for (const char *const *e = films; *e; e++)
        if (n == strlen(*e) && !strncasecmp(dot + 1, *e, n))
            return EXTENSION_FILM;
    for (const char *const *e = others; *e; e++)
        if (n == strlen(*e) && !strncasecmp(dot + 1, *e, n))
            return EXTENSION_OTHER;
    return 0;
}

/* Another media:content beside node (a media:group's renditions) declares
 * something other than a picture: node, which declares nothing, is one of
 * those renditions too. */
static bool beside_other_media(xmlNode *node)
{
    for (xmlNode *other = node->parent ? node->parent->children : NULL; other; other = other->next)
        if (other != node && feed_is_module(other, FEED_NS_MEDIA, "media", "content") &&
            (has_prop(other, "type") || has_prop(other, "medium")) && !prop_starts(other, "type", "image") &&
            !prop_starts(other, "medium", "image"))
            return true;
    return false;
}

/* Whether the element names a picture: its type or medium says image; or
 * it says neither (Media RSS makes both optional, and many a feed's
 * media:content has only a url) and its URL's extension is a picture's, or
 * no extension says otherwise and nothing beside it is a film or sound. */
static bool names_picture(xmlNode *node, const char *url)
{
    if (has_prop(node, "type") || has_prop(node, "medium"))
        return prop_starts(node, "type", "image") || prop_starts(node, "medium", "image");
    int says = extension_says(url);
    return says > 0 || (says == 0 && !beside_other_media(node));
}

/* The declared size of a tracking pixel ("1" x "1"): no picture at all. */
static bool tiny(xmlNode *node)
{
    xmlChar *width_copy, *height_copy;
    const char *width = prop_value(node, "width", &width_copy), *height = prop_value(node, "height", &height_copy);
    bool yes = text_tiny_picture(width, height, NULL);
    xmlFree(width_copy);
    xmlFree(height_copy);
    return yes;
}

/* A picture named by an attribute (url, href), when it names one. */
void feed_media_picture(struct item_parts *parts, xmlNode *node, const char *url_attribute, bool known_image)
{
    xmlChar *copy;
    const char *url = prop_value(node, url_attribute, &copy);
    if (url && (known_image || names_picture(node, url)) && !tiny(node)) {
        char *caption = NULL;
        for (xmlNode *child = node->children; child; child = child->next)
            if (!caption && feed_is_module(child, FEED_NS_MEDIA, "media", "description"))
                caption = feed_item_html_text(parts, child);
        feed_item_add_picture(parts, url, caption, int_prop(node, "width"), int_prop(node, "height"));
        free(caption);
    }
    xmlFree(copy);
}

bool feed_media_is_element(const xmlNode *node)
{
    return feed_is_module(node, FEED_NS_MEDIA, "media", "description") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "title") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "content") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "group") ||
           feed_is_module(node, FEED_NS_MEDIA, "media", "thumbnail");
}

/* A media:content, enclosure or link whose medium or type is a video's,
 * or that says neither (Media RSS makes both optional) and names a film
 * (".mp4", ".m3u8"): such a film was no video. */
static bool names_video(xmlNode *node)
{
    if (prop_starts(node, "medium", "video") || prop_starts(node, "type", "video/") ||
        prop_starts(node, "type", "application/x-shockwave-flash"))
        return true;
    if (has_prop(node, "type") || has_prop(node, "medium"))
        return false;
    xmlChar *copy;
    const char *url = prop_value(node, xmlHasProp(node, (const xmlChar *)"url") ? "url" : "href", &copy);
    bool film = url && extension_says(url) == EXTENSION_FILM;
    xmlFree(copy);
    return film;
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
    bool title = feed_is_module(node, FEED_NS_MEDIA, "media", "title");
    if (!title && !feed_is_module(node, FEED_NS_MEDIA, "media", "description")) {
        for (xmlNode *child = node->children; child; child = child->next)
            if (feed_media_is_element(child))
                feed_media_read(parts, child);
        return;
    }
    xmlNode *parent = node->parent;
    bool of_picture = parent && feed_is_module(parent, FEED_NS_MEDIA, "media", "content") && !names_video(parent);
    if (title) {
        if (!of_picture)
            keep_first(&parts->media_title, feed_title_text(node), &parts->ok);
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
 * too large, smallest first, then thumbnails, largest first (a media:group's
 * 100 px rendition came before its full picture, which declared no size):
 * a group, then a key within it (lower first). */
static void picture_order(const struct item_picture *p, int *group, int *key)
{
    int size = p->width > p->height ? p->width : p->height;
    *group = size == 0 ? 1 : size <= PICTURE_THUMBNAIL_PIXELS ? 3 : size <= PICTURE_FIT_PIXELS ? 0 : 2;
    *key = *group == 0 || *group == 3 ? -size : *group == 2 ? size : 0;
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

