#define _GNU_SOURCE /* strcasestr */
#include "ingest/article.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libxml/uri.h>
#include <stddef.h>
#include <stdint.h>

#include "base/array.h"
#include "base/log.h"
#include "base/strset.h"
#include "base/unicode.h"
#include "ingest/date.h"
#include "ingest/frontmatter.h"
#include "ingest/markdown_inline.h"
#include "ingest/text.h"

/* Headings news sites put above their lists of other articles. Compared
 * case-folded; a short line with no sentence punctuation is a heading too,
 * so a site's own section names need not be listed. */
static const char *const known_headings[] = {
    "tin bài liên quan", "tin liên quan", "bài liên quan", "tin cùng chuyên mục", "các tin bài khác", "các tin khác",
    "tin khác", "tin bài khác", "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin mới",
    "tin mới nhất", "tin nổi bật", "tin đọc nhiều", "có thể bạn quan tâm", "bạn có thể quan tâm", "multimedia",
    "related", "related news", "related articles", "most read", "more news", "latest news", NULL};

enum {
    HEADING_MAX_WORDS = 4,   /* "Tin bài liên quan", "Bờ cõi biển đảo" */
    HEADLINE_MIN_WORDS = 5,  /* shorter lines after a heading are headings or labels */
    HEADLINE_MAX_BYTES = 320, /* longer is a paragraph */
    MENU_MIN_PHRASES = 3,
    MENU_PHRASE_MAX_WORDS = 5,
    LEAD_MIN_BYTES = 60,     /* an HTML <p> shorter than this is a byline or a label */
};

/* --- classifying lines of the text layout ------------------------------------------ */

enum line_kind { LINE_TEXT, LINE_IMAGE, LINE_CAPTION };

struct line {
    char *text; /* clean, NFC; for a caption row, the caption without its pipes */
    enum line_kind kind;
    bool heading; /* a Markdown ATX heading ("## Tin liên quan"), its text without the marks */
};

static bool starts_with_bracket_label(const char *text)
{
    const char *close = text[0] == '[' ? strchr(text, ']') : NULL;
    return close && close - text > 1 && close - text < 32;
}

static bool has_sentence_punctuation(const char *text)
{
    return strpbrk(text, ".,:;!?\"()") || strstr(text, "\xE2\x80\x9C") /* “ */ || strstr(text, "\xE2\x80\xA6") /* … */;
}

static bool is_known_heading(const char *text)
{
    char *folded = text_casefold(text);
    if (!folded)
        return false;
    size_t len = strlen(folded);
    if (len && folded[len - 1] == ':')
        folded[len - 1] = '\0';
    bool known = false;
    for (const char *const *h = known_headings; !known && *h; h++)
        known = !strcmp(folded, *h);
    free(folded);
    return known;
}

/* A section heading: known, or a short label with no sentence in it. */
static bool is_heading(const char *text)
{
    if (is_known_heading(text))
        return true;
    return !starts_with_bracket_label(text) && text_word_count(text) <= HEADING_MAX_WORDS &&
           !has_sentence_punctuation(text);
}

static bool word_is_capitalised(const char *word)
{
    int32_t c;
    return unicode_next(word, UNICODE_TO_NUL, &c) && unicode_is_capital(c);
}

/* "|", "/", "·", "•": what sites put between menu entries. */
static bool is_menu_separator(const char *word, size_t len)
{
    return (len == 1 && (word[0] == '|' || word[0] == '/')) || (len == 2 && !memcmp(word, "\xC2\xB7", 2)) ||
           (len == 3 && !memcmp(word, "\xE2\x80\xA2", 3));
}

/* "Video | Ảnh | Podcast | Thế giới": at least three short capitalised
 * entries with explicit separators between them. */
static bool is_separated_menu(const char *text)
{
    size_t entries = 0, entry_words = 0, separators = 0;
    for (const char *word = text; *word;) {
        size_t len = strcspn(word, " ");
        if (is_menu_separator(word, len)) {
            if (entry_words == 0)
                return false;
            separators++;
            entry_words = 0;
        } else {
            if (entry_words == 0) {
                if (!word_is_capitalised(word))
                    return false;
                entries++;
            }
            if (++entry_words > MENU_PHRASE_MAX_WORDS - 1)
                return false;
        }
        word += len;
        while (*word == ' ')
            word++;
    }
    return separators >= MENU_MIN_PHRASES - 1 && entries >= MENU_MIN_PHRASES && entry_words > 0;
}

/* A site menu: a row of short Title-case phrases, with separators or without
 * ("Miền đất - Con người Cuộc sống vùng biên Nhịp sống biển đảo ..."). A
 * headline reads as one sentence: one capital at the start, and proper names
 * as runs of capitals ("Hà Nội", "Nguyễn Thị Bình"), which a menu of
 * common-noun phrases never has. */
/* "ICOM", "UNESCO", "TP.HCM": a word of two or more capitals and no small letter. */
static bool has_acronym(const char *text)
{
    for (const char *word = text; *word;) {
        size_t len = strcspn(word, " ");
        size_t capitals = 0, small = 0;
        for (const char *p = word; p < word + len;) {
            int32_t c;
            size_t n = unicode_next(p, (size_t)(word + len - p), &c);
            if (!n)
                break;
            enum unicode_class cls = unicode_class(c);
            capitals += cls == UNICODE_CAPITAL;
            small += cls == UNICODE_SMALL;
            p += n;
        }
        if (capitals >= 2 && small == 0)
            return true;
        word += len;
        while (*word == ' ')
            word++;
    }
    return false;
}

/* A capitalised word after the first: a proper name ("Tuần Phim", "Hà Nội"). */
static bool has_inner_capital(const char *text)
{
    const char *space = strchr(text, ' ');
    while (space) {
        if (word_is_capitalised(space + 1))
            return true;
        space = strchr(space + 1, ' ');
    }
    return false;
}

static bool is_menu_line(const char *text)
{
    if (strpbrk(text, ".,:;!?\"()") || strstr(text, "\xE2\x80\xA6"))
        return false;
    if (has_acronym(text)) /* menus are common nouns; an acronym names something */
        return false;
    if (is_separated_menu(text))
        return true;
    if (strpbrk(text, "0123456789") || !word_is_capitalised(text))
        return false;
    size_t phrases = 0, phrase_words = 0;
    bool previous_capital = false;
    for (const char *word = text; *word;) {
        size_t len = strcspn(word, " ");
        bool dash = (len == 1 && word[0] == '-') || (len == 3 && !memcmp(word, "\xE2\x80\x93", 3));
        if (!dash && !is_menu_separator(word, len)) {
            bool capital = word_is_capitalised(word);
            if (capital && previous_capital)
                return false; /* a proper name */
            if (capital) {
                if (phrases && phrase_words < 2)
                    return false;
                phrases++;
                phrase_words = 0;
            }
            if (++phrase_words > MENU_PHRASE_MAX_WORDS)
                return false;
            previous_capital = capital;
        }
        word += len;
        while (*word == ' ')
            word++;
    }
    return phrases >= MENU_MIN_PHRASES && phrase_words >= 2;
}

/* A paragraph is long, or ends like a sentence; headlines end without a full stop. */
static bool is_paragraph(const char *text)
{
    size_t len = strlen(text);
    if (len > HEADLINE_MAX_BYTES)
        return true;
    for (;;) { /* look past closing quotes and brackets: «... hợp tác."» */
        if (len && strchr("\"')]", text[len - 1]))
            len--;
        else if (len >= 3 && (!memcmp(text + len - 3, "\xE2\x80\x9D", 3) || !memcmp(text + len - 3, "\xE2\x80\x99", 3)))
            len -= 3; /* ” ’ */
        else if (len >= 2 && !memcmp(text + len - 2, "\xC2\xBB", 2))
            len -= 2; /* » */
        else
            break;
    }
    return len && text[len - 1] == '.' && !(len >= 3 && !memcmp(text + len - 3, "...", 3));
}

static bool is_headline(const char *text)
{
    if (is_paragraph(text) || is_menu_line(text))
        return false;
    if (starts_with_bracket_label(text))
        return text_word_count(text) >= 2;
    return text_word_count(text) >= HEADLINE_MIN_WORDS && !is_known_heading(text);
}

/* "![alt](url) |": an image whose caption rows follow. */
static bool is_image_marker(const char *text)
{
    return text[0] == '!' && text[1] == '[' && strstr(text, "](");
}

/* "| caption |" → "caption"; a "|---|" rule gives "". */
static char *caption_of_row(const char *text)
{
    size_t len = strlen(text);
    const char *start = text + 1;
    size_t inner = len >= 2 && text[len - 1] == '|' ? len - 2 : len - 1;
    char *caption = text_clean(start, inner);
    if (caption && strspn(caption, "-: |") == strlen(caption))
        caption[0] = '\0';
    return caption;
}

static void free_lines(struct line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i].text);
    free(lines);
}

/* A Markdown setext underline or thematic break ("=====", "---", "* * *"):
 * markup of the page-to-text tool, no text of the page (CommonMark 4.1, 4.3). */
static bool is_markdown_rule(const char *text)
{
    char mark = 0;
    size_t marks = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ')
            continue;
        if (!strchr("=-*_", *p) || (mark && *p != mark))
            return false;
        mark = *p;
        marks++;
    }
    return marks >= 3;
}

/* "## Tin liên quan" -> "Tin liên quan", in place: a Markdown ATX heading's
 * marks (one to six '#', then a space; closing '#'s too) are no text
 * (CommonMark 4.2). Whether text was one. */
static bool strip_atx_heading(char *text)
{
    size_t marks = strspn(text, "#");
    if (marks < 1 || marks > 6 || text[marks] != ' ')
        return false;
    const char *start = text + marks + 1; /* text_clean left one space */
    size_t len = strlen(start), end = len;
    while (end && start[end - 1] == '#')
        end--;
    if (end == 0 || start[end - 1] == ' ') /* a closing run ("## C#" keeps its '#') */
        len = end;
    while (len && start[len - 1] == ' ')
        len--;
    memmove(text, start, len);
    text[len] = '\0';
    return true;
}

/* Non-empty lines, cleaned, with image markers and their caption rows marked. */
static struct line *split_lines(const char *data, size_t size, size_t *count)
{
    struct line *lines = NULL;
    size_t n = 0, cap = 0;
    bool after_image = false;
    for (const char *p = data, *end = data + size; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
        char *text = text_clean(p, len);
        p += len + 1;
        if (!text)
            goto oom;
        if (!*text || is_markdown_rule(text)) {
            free(text);
            continue;
        }
        struct line line = {.text = text, .kind = LINE_TEXT, .heading = strip_atx_heading(text)};
        if (!*text) { /* "#" alone */
            free(text);
            continue;
        }
        if (is_image_marker(text)) {
            line.kind = LINE_IMAGE;
            after_image = true;
        } else if (after_image && text[0] == '|') {
            line.kind = LINE_CAPTION;
            line.text = caption_of_row(text);
            free(text);
            if (!line.text)
                goto oom;
        } else {
            after_image = false;
        }
        if (!ARRAY_GROW(lines, cap, n + 1, 64)) {
            free(line.text);
            goto oom;
        }
        lines[n++] = line;
    }
    *count = n;
    return lines ? lines : calloc(1, sizeof *lines);
oom:
    free_lines(lines, n);
    return NULL;
}

/* A short line after the lists began is a headline, not a heading, when it
 * names something (an acronym, a proper name) and no list follows it: the
 * line after it is a known heading, or the end. "Bế mạc Tuần Phim" is a
 * headline; "Di sản biên cương" above a menu and headlines is a heading. */
static bool is_short_headline(const struct line *lines, size_t count, size_t i)
{
    const char *text = lines[i].text;
    size_t words = text_word_count(text);
    if (words < 2 || words > HEADING_MAX_WORDS || is_known_heading(text) || is_menu_line(text) ||
        has_sentence_punctuation(text))
        return false;
    bool names = has_acronym(text) || has_inner_capital(text);
    bool last = i + 1 == count || lines[i + 1].kind != LINE_TEXT || is_known_heading(lines[i + 1].text);
    bool followed_by_menu = i + 1 < count && is_menu_line(lines[i + 1].text);
    /* i is 0 when a front matter gave the title and the lists open the text */
    return names && !followed_by_menu &&
           (last || i == 0 || !is_heading(lines[i - 1].text) || is_known_heading(lines[i - 1].text));
}

/* Index of the heading that starts the page's lists, or count when none:
 * a known heading, or a heading-like line followed by a headline. */
static size_t find_lists(const struct line *lines, size_t count, size_t from)
{
    for (size_t i = from; i < count; i++)
        if (lines[i].kind == LINE_TEXT && is_known_heading(lines[i].text))
            return i;
    for (size_t i = from; i + 1 < count; i++)
        if (lines[i].kind == LINE_TEXT && is_heading(lines[i].text) && is_headline(lines[i + 1].text))
            return i;
    return count;
}

static bool push_item(struct item_list *out, const char *source, const char *title, const char *id_text,
                      struct item *item)
{
    char id[19];
    item_make_id(source, id_text, id);
    bool ok = item_set(&item->title, title) && item_set(&item->source, source) && item_set(&item->id, id) &&
              item_list_push(out, item);
    item_clear(item);
    return ok;
}

/* "Title: ...", "URL Source: ...", "Published Time: ..." then "Markdown
 * Content:": the header page-to-text tools write. Returns the first line
 * after it. */
struct text_header {
    const char *title, *url, *published;
};

static size_t read_header(const struct line *lines, size_t count, struct text_header *header)
{
    static const struct {
        const char *label;
        size_t offset;
    } fields[] = {{"Title:", offsetof(struct text_header, title)},
                  {"URL Source:", offsetof(struct text_header, url)},
                  {"Published Time:", offsetof(struct text_header, published)}};
    size_t i = 0;
    for (; i < count && lines[i].kind == LINE_TEXT; i++) {
        bool known = false;
        for (size_t f = 0; f < sizeof fields / sizeof *fields && !known; f++) {
            size_t n = strlen(fields[f].label);
            if (!strncmp(lines[i].text, fields[f].label, n)) {
                const char *value = lines[i].text + n;
                while (*value == ' ')
                    value++;
                *(const char **)((char *)header + fields[f].offset) = value;
                known = true;
            }
        }
        if (!known && !strcmp(lines[i].text, "Markdown Content:"))
            return i + 1;
        if (!known)
            break;
    }
    return header->title ? i : 0;
}

/* "![alt](url)": the url, relative ones resolved against the page's URL
 * or the directory of its file (an absolute path). Caller frees; NULL
 * when the marker names none. */
static char *image_url(const char *marker, const struct ingest_context *context, const char *page_url)
{
    const char *open = strstr(marker, "](");
    const char *close = open ? strchr(open + 2, ')') : NULL;
    if (!close || close == open + 2)
        return NULL;
    char *ref = strndup(open + 2, (size_t)(close - open - 2));
    const char *base = page_url ? page_url : context->url ? context->url : context->path;
    xmlChar *absolute = ref && base ? xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base) : NULL;
    char *url = absolute ? strdup((const char *)absolute) : ref ? strdup(ref) : NULL;
    xmlFree(absolute);
    free(ref);
    return url;
}

/* The article of a text page: lead, captions and pictures up to the lists. */
static bool read_article(const struct ingest_context *context, const struct line *lines, size_t from, size_t lists,
                         const char *page_url, struct item *article)
{
    bool ok = true;
    for (size_t i = from; ok && i < lists; i++) {
        if (lines[i].kind == LINE_IMAGE) {
            char *url = image_url(lines[i].text, context, page_url);
            const char *caption = i + 1 < lists && lines[i + 1].kind == LINE_CAPTION ? lines[i + 1].text : "";
            if (i + 2 < lists && !*caption && lines[i + 2].kind == LINE_CAPTION) /* "|---|" first */
                caption = lines[i + 2].text;
            ok = !url || item_add_picture(article, url, caption, 0, 0);
            free(url);
        } else if (lines[i].kind == LINE_CAPTION && lines[i].text[0])
            ok = item_add_caption(article, lines[i].text);
        else if (lines[i].kind == LINE_TEXT && !article->summary[0]) { /* the lead paragraph, without its markup */
            char *lead = markdown_inline_text(lines[i].text, strlen(lines[i].text));
            ok = lead && item_set(&article->summary, lead);
            free(lead);
        }
    }
    return ok;
}

bool article_parse_text(const char *name, const char *data, size_t size, struct item_list *out, char *err,
                        size_t err_size)
{
    struct ingest_context context = {.name = name};
    return article_parse_text_in(&context, data, size, out, err, err_size);
}

bool article_parse_text_in(const struct ingest_context *context, const char *data, size_t size,
                           struct item_list *out, char *err, size_t err_size)
{
    const char *name = context->name;
    size_t count;
    /* A Markdown page's front matter is the page's title, date and
     * summary (its description, before the lead paragraph), never its text. */
    struct front_matter front;
    char *front_title = NULL, *front_summary = NULL;
    if (!front_matter_read(data, size, &front) ||
        (front.title && !(front_title = text_clean(front.title, strlen(front.title)))) ||
        (front.summary && !(front_summary = text_clean(front.summary, strlen(front.summary))))) {
        front_matter_clear(&front);
        free(front_title);
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    if (front.unclosed)
        log_warn("%s: front matter not closed by ---: read up to the first blank line", name);
    free(front.summary); /* cleaned: the front's copy is done with */
    front.summary = front_summary;
    struct line *lines = split_lines(data + front.body, size - front.body, &count);
    if (!lines) {
        front_matter_clear(&front);
        free(front_title);
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    struct text_header header = {0};
    size_t first = read_header(lines, count, &header);
    if (header.title && !*header.title) /* "Title:" and nothing: the line after the header is the title */
        header.title = NULL;
    if (front_title && *front_title && !header.title)
        header.title = front_title;
    if (front.date && !header.published)
        header.published = front.date;
    if (header.title && first < count && lines[first].kind == LINE_TEXT &&
        (!strcmp(lines[first].text, header.title) || lines[first].heading))
        first++; /* the title again, as the body's first line or a Markdown heading */
    const char *title = header.title ? header.title : first < count ? lines[first].text : NULL;
    size_t body = header.title ? first : first + 1;
    if (!title || (!header.title && lines[first].kind != LINE_TEXT)) {
        free_lines(lines, count);
        front_matter_clear(&front);
        free(front_title);
        snprintf(err, err_size, "no title line: not an article page");
        return false;
    }
    size_t lists = find_lists(lines, count, body);
    struct strset seen; /* the lines met so far: a page of 100,000 headlines costs linear time */
    bool have_set = strset_init(&seen, count, false);
    struct item article;
    item_init(&article);
    bool ok = have_set && (!front.summary || item_set(&article.summary, front.summary)) &&
              read_article(context, lines, body, lists, header.url, &article) &&
              item_set(&article.link, header.url);
    int64_t when;
    if (ok && header.published && date_parse_in_zone(header.published, context->zone, &when)) {
        /* as a feed's and a page's: a date ahead of the fetch is clamped to it */
        article.published = date_clamp_future(when, context->now ? context->now : (int64_t)time(NULL));
        article.has_published = true;
    } else if (ok && header.published) {
        struct date_unread unread = {0};
        date_unread_note(&unread, header.published);
        date_unread_warn(&unread, name);
    }
    ok = ok && push_item(out, name, title, title, &article);
    item_clear(&article);
    for (size_t i = 0; ok && i < lists; i++)
        if (lines[i].kind == LINE_TEXT)
            strset_add(&seen, lines[i].text);
    for (size_t i = lists; ok && i < count; i++) {
        if (lines[i].kind != LINE_TEXT)
            continue;
        bool headline = !lines[i].heading && (is_short_headline(lines, count, i) ||
                                              (!is_heading(lines[i].text) && is_headline(lines[i].text)));
        if (strset_add(&seen, lines[i].text) || !headline)
            continue;
        struct item item;
        item_init(&item);
        ok = push_item(out, name, lines[i].text, lines[i].text, &item);
    }
    strset_clear(&seen);
    free_lines(lines, count);
    front_matter_clear(&front);
    free(front_title);
    if (!ok)
        log_oom_reason(err, err_size, NULL);
    return ok;
}
