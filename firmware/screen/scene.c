#include "screen/scene.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screen/vnclock.h"

#define TRANSITION_SECONDS 0.6
#define PREPARE_SECONDS 2.0 /* the next featured item is laid out (and its texts made) this early */
#define SUMMARY_INPUT_LIMIT 600 /* bytes of summary worth wrapping; the rest never fits */
#define ELLIPSIS "\xE2\x80\xA6"
#define BULLET "\xE2\x80\xA2"
#define CRAWL_LABEL "BẢN TIN"

static const struct scene_color color_background = {10, 26, 51, 255};
static const struct scene_color color_header = {5, 16, 36, 255};
static const struct scene_color color_accent = {242, 193, 78, 255};
static const struct scene_color color_white = {255, 255, 255, 255};
static const struct scene_color color_summary = {214, 223, 235, 255};
static const struct scene_color color_caption = {160, 177, 200, 255};
static const struct scene_color color_band = {244, 246, 250, 255};
static const struct scene_color color_band_text = {10, 26, 51, 255};
static const struct scene_color color_label = {200, 16, 46, 255};
static const struct scene_color color_status = {242, 169, 0, 255};

/* --- pure helpers ------------------------------------------------------- */

void scene_logical_size(int screen_width, int screen_height, int rotate, int *width, int *height)
{
    bool sideways = rotate == 90 || rotate == 270;
    *width = sideways ? screen_height : screen_width;
    *height = sideways ? screen_width : screen_height;
}

void scene_font_specs(int width, int height, struct scene_font_spec specs[SCENE_FONT_COUNT])
{
    /* One unit is the short side over 1080, so a portrait screen keeps the
     * type of a landscape one and simply gets more lines. */
    double u = (width < height ? width : height) / 1080.0;
    static const struct scene_font_spec base[SCENE_FONT_COUNT] = {
        [SCENE_FONT_HEADER_TITLE] = {46, true},   [SCENE_FONT_CLOCK] = {42, false},
        [SCENE_FONT_STATUS] = {30, true},         [SCENE_FONT_BADGE] = {34, true},
        [SCENE_FONT_FEATURED_TITLE] = {88, true}, [SCENE_FONT_SUMMARY] = {46, false},
        [SCENE_FONT_CAPTION] = {34, false},       [SCENE_FONT_CRAWL] = {54, true},
        [SCENE_FONT_CRAWL_BADGE] = {30, true},
    };
    for (int i = 0; i < SCENE_FONT_COUNT; i++) {
        specs[i].size_px = (int)lround(base[i].size_px * u);
        if (specs[i].size_px < 8)
            specs[i].size_px = 8;
        specs[i].bold = base[i].bold;
    }
}

int scene_snap_pixels_per_frame(double speed_px_per_second, double refresh_hz)
{
    if (!(refresh_hz > 0))
        refresh_hz = 60;
    long ppf = lround(speed_px_per_second / refresh_hz);
    return ppf < 1 ? 1 : (int)ppf;
}

struct scene_rect scene_rotate_rect(struct scene_rect r, int lw, int lh, int rotate)
{
    switch (rotate) {
    case 90: return (struct scene_rect){lh - r.y - r.h, r.x, r.h, r.w};
    case 180: return (struct scene_rect){lw - r.x - r.w, lh - r.y - r.h, r.w, r.h};
    case 270: return (struct scene_rect){r.y, lw - r.x - r.w, r.h, r.w};
    default: return r;
    }
}

const char *scene_kind_label(enum item_kind kind)
{
    switch (kind) {
    case ITEM_DIALOGUE: return "ĐỐI THOẠI";
    case ITEM_INFOGRAPHIC: return "INFOGRAPHIC";
    case ITEM_VIDEO: return "VIDEO";
    default: return "TIN TỨC";
    }
}

struct scene_color scene_kind_color(enum item_kind kind)
{
    switch (kind) {
    case ITEM_DIALOGUE: return (struct scene_color){21, 101, 192, 255};
    case ITEM_INFOGRAPHIC: return (struct scene_color){123, 31, 162, 255};
    case ITEM_VIDEO: return (struct scene_color){198, 40, 40, 255};
    default: return (struct scene_color){46, 125, 50, 255};
    }
}

/* --- state -------------------------------------------------------------- */

struct crawl_entry {
    char *id;
    char *title;
    enum item_kind kind;
    int64_t begin; /* scroll coordinate of the entry's left end */
    int width;     /* badge, gap, title, gap, bullet, gap */
    int badge_width, title_width;
};

struct text_block {
    char **lines;
    size_t count;
};

struct featured_view {
    bool present;
    char *id;
    enum item_kind kind;
    struct text_block title, summary, caption;
    char *meta; /* source name */
};

struct layout {
    int width, height; /* logical */
    int unit_px;       /* 1080-screen pixels scaled: a spacing unit of ~10 px */
    int header_height;
    bool header_two_rows;
    int title_x, title_baseline, title_max_width;
    int clock_baseline, clock_right;
    int logo_x, logo_y, logo_w, logo_h;
    struct scene_rect panel;
    int panel_margin;
    int band_top, band_height, crawl_baseline;
    int label_width; /* the fixed "BẢN TIN" box at the band's left */
    int crawl_left;
    int badge_pad_x, badge_pad_y, crawl_gap;
    int title_lines_max, summary_lines_max;
};

struct scene {
    struct scene_settings settings;
    char *full_title;    /* as configured */
    char *title;         /* header title, ellipsized to fit beside the clock and status */
    struct scene_measure measure;
    struct layout layout;
    struct item_list *list;

    double now;
    double hz;
    int pixels_per_frame;
    double speed_base_time;
    int64_t speed_base_offset;
    int64_t offset;

    struct crawl_entry *entries;
    size_t entry_count, entry_capacity;
    size_t next_index; /* list index of the next entry to place */
    int64_t next_begin; /* scroll coordinate where it goes */
    bool has_next_begin;
    int bullet_width;

    double featured_since;
    size_t featured_index; /* SIZE_MAX: none shown from this list yet */
    struct featured_view current, previous;
    struct featured_view upcoming; /* the next item, laid out ahead so its texts are ready */
    size_t upcoming_index;

    char *resume_featured, *resume_crawl; /* see scene_resume */

    char clock[64];
    int clock_width;
    char status[128];
    int status_width;
};

static int measure(const struct scene *s, enum scene_font font, const char *text)
{
    return text[0] ? s->measure.text_width(s->measure.context, font, text) : 0;
}

static const struct scene_font_metrics *metrics(const struct scene *s, enum scene_font font)
{
    return &s->measure.fonts[font];
}

/* --- wrapping ----------------------------------------------------------- */

static void block_clear(struct text_block *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->lines[i]);
    free(b->lines);
    b->lines = NULL;
    b->count = 0;
}

static bool block_push(struct text_block *b, const char *start, size_t len)
{
    char **grown = realloc(b->lines, (b->count + 1) * sizeof *grown);
    if (!grown)
        return false;
    b->lines = grown;
    char *line = malloc(len + 1);
    if (!line)
        return false;
    memcpy(line, start, len);
    line[len] = '\0';
    b->lines[b->count++] = line;
    return true;
}

static size_t utf8_char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!p[i])
            return i;
    return n;
}

/* Width of text[0..len) (a temporary copy, as measure wants a string). */
static int measure_span(const struct scene *s, enum scene_font font, const char *text, size_t len, const char *suffix)
{
    size_t slen = suffix ? strlen(suffix) : 0;
    char stack[512];
    char *buf = len + slen < sizeof stack ? stack : malloc(len + slen + 1);
    if (!buf)
        return 1 << 30;
    memcpy(buf, text, len);
    if (slen)
        memcpy(buf + len, suffix, slen);
    buf[len + slen] = '\0';
    int w = measure(s, font, buf);
    if (buf != stack)
        free(buf);
    return w;
}

/* Longest prefix of text (ending at a space when possible) that fits. */
static size_t fit_prefix(const struct scene *s, enum scene_font font, const char *text, int max_width,
                         const char *suffix, bool *broke_at_space)
{
    size_t best = 0, end = 0;
    *broke_at_space = false;
    /* Word by word. */
    while (text[end]) {
        size_t next = end;
        while (text[next] == ' ')
            next++;
        while (text[next] && text[next] != ' ')
            next++;
        if (measure_span(s, font, text, next, suffix) > max_width)
            break;
        best = end = next;
        *broke_at_space = true;
    }
    if (best > 0 || !text[0])
        return best;
    /* A single word wider than the line: cut it between characters. */
    *broke_at_space = false;
    size_t pos = 0;
    while (text[pos]) {
        size_t next = pos + utf8_char_len(text + pos);
        if (measure_span(s, font, text, next, suffix) > max_width)
            break;
        pos = next;
    }
    return pos ? pos : utf8_char_len(text);
}

/* Greedy word wrap into at most max_lines; an ellipsis ends a cut text. */
static bool wrap_text(const struct scene *s, enum scene_font font, const char *text, int max_width, int max_lines,
                      struct text_block *out)
{
    block_clear(out);
    const char *p = text;
    while (*p == ' ')
        p++;
    while (*p && (int)out->count < max_lines) {
        bool last = (int)out->count == max_lines - 1;
        bool at_space;
        size_t len = fit_prefix(s, font, p, max_width, NULL, &at_space);
        const char *rest = p + len;
        while (*rest == ' ')
            rest++;
        if (last && *rest) {
            len = fit_prefix(s, font, p, max_width, ELLIPSIS, &at_space);
            while (len > 0 && p[len - 1] == ' ')
                len--;
            char buf[1024];
            size_t n = len < sizeof buf - 4 ? len : sizeof buf - 4;
            memcpy(buf, p, n);
            memcpy(buf + n, ELLIPSIS, 4);
            return block_push(out, buf, n + 3);
        }
        size_t trimmed = len;
        while (trimmed > 0 && p[trimmed - 1] == ' ')
            trimmed--;
        if (!block_push(out, p, trimmed))
            return false;
        p = rest;
    }
    return true;
}

/* --- layout ------------------------------------------------------------- */

static char *ellipsize(const struct scene *s, enum scene_font font, const char *text, int max_width)
{
    struct text_block one = {0};
    char *result = NULL;
    if (wrap_text(s, font, text, max_width, 1, &one) && one.count == 1) {
        result = one.lines[0];
        one.lines[0] = NULL;
    }
    block_clear(&one);
    return result ? result : strdup("");
}

static void compute_layout(struct scene *s)
{
    struct layout *l = &s->layout;
    scene_logical_size(s->settings.screen_width, s->settings.screen_height, s->settings.rotate, &l->width, &l->height);
    bool portrait = l->height > l->width;
    int u = (int)lround((l->width < l->height ? l->width : l->height) / 108.0);
    if (u < 1)
        u = 1;
    l->unit_px = u;
    l->panel_margin = portrait ? 6 * u : 8 * u;

    const struct scene_font_metrics *ht = metrics(s, SCENE_FONT_HEADER_TITLE);
    const struct scene_font_metrics *ck = metrics(s, SCENE_FONT_CLOCK);
    int row = (ht->ascent + ht->descent) + 4 * u;
    int clock_sample = measure(s, SCENE_FONT_CLOCK, "Chủ Nhật, 28/08/2028 08:08");
    int logo_h = row;
    int logo_w = s->settings.logo_width > 0 && s->settings.logo_height > 0
                     ? (int)lround((double)logo_h * s->settings.logo_width / s->settings.logo_height)
                     : 0;
    int title_w = measure(s, SCENE_FONT_HEADER_TITLE, s->settings.title);
    int left = l->panel_margin + (logo_w ? logo_w + 3 * u : 0);
    l->header_two_rows = left + title_w + 6 * u + clock_sample + l->panel_margin > l->width;
    int row_height = row + 3 * u;
    l->logo_x = l->panel_margin;
    l->logo_y = (row_height - logo_h) / 2;
    l->logo_w = logo_w;
    l->logo_h = logo_w ? logo_h : 0;
    l->clock_right = l->width - l->panel_margin;
    if (l->header_two_rows) {
        /* Narrow (portrait) screens: logo and clock above, the title below
         * across the whole width. */
        l->clock_baseline = row_height / 2 + (ck->ascent - ck->descent) / 2;
        l->title_x = l->panel_margin;
        l->title_baseline = row_height + ht->ascent;
        l->title_max_width = l->width - 2 * l->panel_margin;
        l->header_height = row_height + ht->ascent + ht->descent + 2 * u;
    } else {
        l->title_x = left;
        l->title_baseline = row_height / 2 + (ht->ascent - ht->descent) / 2;
        l->title_max_width = l->width - left - 6 * u - clock_sample - l->panel_margin;
        l->clock_baseline = l->title_baseline;
        l->header_height = row_height;
    }

    const struct scene_font_metrics *cr = metrics(s, SCENE_FONT_CRAWL);
    l->band_height = cr->ascent + cr->descent + 4 * u;
    l->band_top = l->height - l->band_height;
    l->crawl_baseline = l->band_top + l->band_height / 2 + (cr->ascent - cr->descent) / 2;
    l->badge_pad_x = u + u / 2;
    l->badge_pad_y = u / 2;
    l->crawl_gap = 2 * u;
    l->label_width = measure(s, SCENE_FONT_CRAWL_BADGE, CRAWL_LABEL) + 6 * u;
    l->crawl_left = l->label_width;

    l->panel = (struct scene_rect){0, l->header_height, l->width, l->band_top - l->header_height};
    l->title_lines_max = portrait ? 5 : 3;
    l->summary_lines_max = portrait ? 9 : 4;
}

/* --- featured ----------------------------------------------------------- */

static void featured_clear(struct featured_view *v)
{
    free(v->id);
    free(v->meta);
    block_clear(&v->title);
    block_clear(&v->summary);
    block_clear(&v->caption);
    memset(v, 0, sizeof *v);
}

static bool featured_fill(struct scene *s, struct featured_view *v, const struct item *item)
{
    const struct layout *l = &s->layout;
    featured_clear(v);
    int width = l->width - 2 * l->panel_margin;
    v->present = true;
    v->kind = item->kind;
    v->id = strdup(item->id ? item->id : "");
    v->meta = strdup(item->source ? item->source : "");
    if (!v->id || !v->meta)
        return false;
    if (!wrap_text(s, SCENE_FONT_FEATURED_TITLE, item->title, width, l->title_lines_max, &v->title))
        return false;

    char summary[SUMMARY_INPUT_LIMIT + 1];
    size_t n = strlen(item->summary ? item->summary : "");
    if (n > SUMMARY_INPUT_LIMIT) {
        n = SUMMARY_INPUT_LIMIT;
        while (n > 0 && ((unsigned char)item->summary[n] & 0xC0) == 0x80)
            n--; /* never cut a character in two */
    }
    memcpy(summary, item->summary ? item->summary : "", n);
    summary[n] = '\0';

    /* What room the title leaves goes to the summary, then the caption. */
    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int used = 4 * l->unit_px + bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * l->unit_px +
               (int)v->title.count * tf->line_height + 3 * l->unit_px;
    bool has_caption = item->caption_count > 0 && item->captions[0][0];
    int caption_room = has_caption ? cf->line_height * 2 + 2 * l->unit_px : 0;
    int meta_room = v->meta[0] ? cf->line_height + 2 * l->unit_px : 0;
    int room = l->panel.h - used - caption_room - meta_room - 2 * l->unit_px;
    int summary_lines = room / (sf->line_height > 0 ? sf->line_height : 1);
    if (summary_lines > l->summary_lines_max)
        summary_lines = l->summary_lines_max;
    if (summary_lines > 0 && !wrap_text(s, SCENE_FONT_SUMMARY, summary, width, summary_lines, &v->summary))
        return false;
    if (has_caption && !wrap_text(s, SCENE_FONT_CAPTION, item->captions[0], width - 2 * l->unit_px, 2, &v->caption))
        return false;
    return true;
}

static size_t list_find(const struct item_list *list, const char *id)
{
    if (!list || !id || !id[0])
        return SIZE_MAX;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].id && strcmp(list->items[i].id, id) == 0)
            return i;
    return SIZE_MAX;
}

static void featured_show(struct scene *s, size_t index, double since, bool keep_previous)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
    s->featured_index = index % count;
    s->featured_since = since;
    featured_clear(&s->previous);
    if (keep_previous) {
        s->previous = s->current;
        memset(&s->current, 0, sizeof s->current);
    }
    if (s->upcoming.present && s->upcoming_index == s->featured_index) {
        featured_clear(&s->current);
        s->current = s->upcoming;
        memset(&s->upcoming, 0, sizeof s->upcoming);
    } else {
        featured_clear(&s->upcoming);
        featured_fill(s, &s->current, &s->list->items[s->featured_index]);
    }
}

static void featured_advance(struct scene *s)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
    double period = s->settings.featured_seconds;
    if (!s->current.present) {
        featured_show(s, 0, s->now, false);
        return;
    }
    double elapsed = s->now - s->featured_since;
    size_t base = s->featured_index == SIZE_MAX ? count - 1 : s->featured_index;
    if (elapsed < period) {
        if (s->previous.present && elapsed >= TRANSITION_SECONDS)
            featured_clear(&s->previous);
        if (!s->upcoming.present && period - elapsed <= PREPARE_SECONDS) {
            s->upcoming_index = (base + 1) % count;
            featured_fill(s, &s->upcoming, &s->list->items[s->upcoming_index]);
        }
        return;
    }
    double steps = floor(elapsed / period);
    size_t index = (base + (size_t)fmod(steps, (double)count)) % count;
    double since = s->featured_since + steps * period;
    if (steps > 1) {
        /* Jumped over whole periods (a screenshot far ahead): what was on
         * screen before the latest change is the item before it. */
        featured_clear(&s->current);
        featured_fill(s, &s->current, &s->list->items[(index + count - 1) % count]);
    }
    featured_show(s, index, since, s->now - since < TRANSITION_SECONDS);
}

void scene_featured_step(struct scene *s, double t, int step)
{
    size_t count = s->list ? s->list->count : 0;
    if (count == 0)
        return;
    if (t > s->now)
        scene_advance(s, t);
    size_t base = s->featured_index == SIZE_MAX ? 0 : s->featured_index;
    size_t index = step >= 0 ? (base + (size_t)step) % count : (base + count - ((size_t)(-step) % count)) % count;
    featured_show(s, index, s->now, s->current.present);
}

/* --- crawl -------------------------------------------------------------- */

static void entry_free(struct crawl_entry *e)
{
    free(e->id);
    free(e->title);
}

static bool crawl_push(struct scene *s)
{
    const struct item *item = &s->list->items[s->next_index];
    if (s->entry_count == s->entry_capacity) {
        size_t cap = s->entry_capacity ? s->entry_capacity * 2 : 16;
        struct crawl_entry *grown = realloc(s->entries, cap * sizeof *grown);
        if (!grown)
            return false;
        s->entries = grown;
        s->entry_capacity = cap;
    }
    struct crawl_entry e = {0};
    e.id = strdup(item->id ? item->id : "");
    e.title = strdup(item->title ? item->title : "");
    if (!e.id || !e.title) {
        entry_free(&e);
        return false;
    }
    e.kind = item->kind;
    const struct layout *l = &s->layout;
    e.badge_width = measure(s, SCENE_FONT_CRAWL_BADGE, scene_kind_label(e.kind)) + 2 * l->badge_pad_x;
    e.title_width = measure(s, SCENE_FONT_CRAWL, e.title);
    e.width = e.badge_width + l->crawl_gap + e.title_width + 2 * l->crawl_gap + s->bullet_width + 2 * l->crawl_gap;
    if (!s->has_next_begin) {
        s->next_begin = s->offset;
        s->has_next_begin = true;
    }
    e.begin = s->next_begin;
    s->next_begin += e.width;
    s->entries[s->entry_count++] = e;
    s->next_index = (s->next_index + 1) % s->list->count;
    return true;
}

static void crawl_drop_passed(struct scene *s)
{
    size_t drop = 0;
    while (drop < s->entry_count && s->entries[drop].begin + s->entries[drop].width <= s->offset)
        entry_free(&s->entries[drop++]);
    if (drop) {
        memmove(s->entries, s->entries + drop, (s->entry_count - drop) * sizeof *s->entries);
        s->entry_count -= drop;
    }
}

static void crawl_update(struct scene *s)
{
    crawl_drop_passed(s);
    if (!s->list || s->list->count == 0)
        return;
    /* Placed (and so measured and, by the renderer, prepared) half a screen
     * before they scroll in: textures exist for what is visible or about to
     * be. After a jump in time the stories that went by meanwhile are placed
     * and dropped in turn, so the crawl at t is the same however t was reached. */
    const struct layout *l = &s->layout;
    int64_t horizon = s->offset + (l->width - l->crawl_left) + l->width / 2;
    while (!s->has_next_begin || s->next_begin < horizon) {
        if (!crawl_push(s))
            return;
        if (s->entry_count > 256)
            crawl_drop_passed(s);
    }
    crawl_drop_passed(s);
}

/* --- lifecycle ---------------------------------------------------------- */

struct scene *scene_create(const struct scene_settings *settings, const struct scene_measure *m)
{
    if (settings->screen_width < 16 || settings->screen_height < 16 || settings->rotate % 90 ||
        settings->rotate < 0 || settings->rotate > 270 || !m->text_width)
        return NULL;
    struct scene *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->settings = *settings;
    s->settings.title = NULL;
    s->measure = *m;
    s->hz = settings->refresh_hz > 0 ? settings->refresh_hz : 60;
    if (!(s->settings.featured_seconds > TRANSITION_SECONDS))
        s->settings.featured_seconds = 8;
    s->pixels_per_frame = scene_snap_pixels_per_frame(settings->speed_px_per_second, s->hz);
    s->featured_index = SIZE_MAX;
    s->settings.title = settings->title ? settings->title : "";
    compute_layout(s);
    s->full_title = strdup(s->settings.title);
    s->settings.title = NULL;
    s->title = s->full_title ? ellipsize(s, SCENE_FONT_HEADER_TITLE, s->full_title, s->layout.title_max_width) : NULL;
    s->bullet_width = measure(s, SCENE_FONT_CRAWL, BULLET);
    if (!s->title) {
        scene_destroy(s);
        return NULL;
    }
    return s;
}

void scene_destroy(struct scene *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->entry_count; i++)
        entry_free(&s->entries[i]);
    free(s->entries);
    featured_clear(&s->current);
    featured_clear(&s->previous);
    featured_clear(&s->upcoming);
    item_list_destroy(s->list);
    free(s->title);
    free(s->full_title);
    free(s->resume_featured);
    free(s->resume_crawl);
    free(s);
}

void scene_adopt(struct scene *s, struct item_list *list)
{
    if (!list)
        return;
    /* Continue the crawl after the last placed entry, at the same story
     * when the new list still has it; the entries already placed stay. */
    size_t next = 0;
    if (s->entry_count) {
        size_t at = list_find(list, s->entries[s->entry_count - 1].id);
        if (at != SIZE_MAX)
            next = at + 1;
    }
    else if (s->resume_crawl) {
        size_t at = list_find(list, s->resume_crawl);
        if (at != SIZE_MAX)
            next = at; /* a rebuilt scene starts with the story that was leading */
    }
    size_t featured = s->current.present ? list_find(list, s->current.id) : SIZE_MAX;
    size_t resumed = !s->current.present && s->resume_featured ? list_find(list, s->resume_featured) : SIZE_MAX;
    free(s->resume_featured);
    free(s->resume_crawl);
    s->resume_featured = s->resume_crawl = NULL;
    item_list_destroy(s->list);
    s->list = list;
    featured_clear(&s->upcoming); /* laid out from the old list */
    s->next_index = list->count ? next % list->count : 0;
    if (s->entry_count == 0)
        s->has_next_begin = false; /* nothing on screen to follow: start at the band's left */
    s->featured_index = featured;
    crawl_update(s);
    if (resumed != SIZE_MAX)
        featured_show(s, resumed, s->now, false);
    featured_advance(s);
}

void scene_resume(struct scene *s, const char *featured_id, const char *crawl_id)
{
    free(s->resume_featured);
    free(s->resume_crawl);
    s->resume_featured = featured_id && featured_id[0] ? strdup(featured_id) : NULL;
    s->resume_crawl = crawl_id && crawl_id[0] ? strdup(crawl_id) : NULL;
}

size_t scene_item_count(const struct scene *s)
{
    return s->list ? s->list->count : 0;
}

struct item_list *scene_release_list(struct scene *s)
{
    struct item_list *list = s->list;
    s->list = NULL;
    return list;
}

void scene_set_status(struct scene *s, const char *status)
{
    size_t n = strlen(status);
    if (n >= sizeof s->status) {
        n = sizeof s->status - 1;
        while (n > 0 && ((unsigned char)status[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(s->status, status, n);
    s->status[n] = '\0';
    s->status_width = measure(s, SCENE_FONT_STATUS, s->status);
    /* On one header row the status sits between title and clock: the title
     * gives up the room while the status shows. */
    const struct layout *l = &s->layout;
    int room = l->title_max_width;
    if (s->status[0] && !l->header_two_rows)
        room -= s->status_width + 2 * l->badge_pad_x + 3 * l->unit_px;
    char *title = ellipsize(s, SCENE_FONT_HEADER_TITLE, s->full_title, room);
    if (title) {
        free(s->title);
        s->title = title;
    }
}

void scene_set_clock(struct scene *s, const struct tm *local_time)
{
    char text[sizeof s->clock];
    vnclock_format(local_time, text, sizeof text);
    if (strcmp(text, s->clock) == 0)
        return;
    memcpy(s->clock, text, sizeof text);
    s->clock_width = measure(s, SCENE_FONT_CLOCK, s->clock);
}

static int64_t offset_at(const struct scene *s, double t)
{
    /* Whole frames since the last speed change, times whole pixels per frame:
     * every refresh moves the crawl by exactly the same step. */
    return s->speed_base_offset + (int64_t)s->pixels_per_frame * (int64_t)llround((t - s->speed_base_time) * s->hz);
}

void scene_advance(struct scene *s, double t)
{
    if (t < s->now)
        t = s->now;
    s->now = t;
    s->offset = offset_at(s, t);
    crawl_update(s);
    featured_advance(s);
}

void scene_set_speed(struct scene *s, double t, double speed)
{
    scene_advance(s, t);
    s->speed_base_offset = s->offset;
    s->speed_base_time = s->now;
    s->pixels_per_frame = scene_snap_pixels_per_frame(speed, s->hz);
}

int scene_pixels_per_frame(const struct scene *s) { return s->pixels_per_frame; }
int64_t scene_crawl_offset(const struct scene *s) { return s->offset; }
size_t scene_crawl_entry_count(const struct scene *s) { return s->entry_count; }
const char *scene_featured_id(const struct scene *s) { return s->current.present ? s->current.id : ""; }

void scene_logical_screen(const struct scene *s, int *width, int *height)
{
    *width = s->layout.width;
    *height = s->layout.height;
}

static int entry_x(const struct scene *s, const struct crawl_entry *e)
{
    return s->layout.crawl_left + (int)(e->begin - s->offset);
}

bool scene_crawl_entry(const struct scene *s, size_t i, const char **id, int *x, int *width)
{
    if (i >= s->entry_count)
        return false;
    *id = s->entries[i].id;
    *x = entry_x(s, &s->entries[i]);
    *width = s->entries[i].width;
    return true;
}

/* --- ops ---------------------------------------------------------------- */

static struct scene_op *push_op(struct scene_frame *f, enum scene_op_kind kind)
{
    if (f->count == f->capacity) {
        size_t cap = f->capacity ? f->capacity * 2 : 64;
        struct scene_op *grown = realloc(f->ops, cap * sizeof *grown);
        if (!grown)
            return NULL;
        f->ops = grown;
        f->capacity = cap;
    }
    struct scene_op *op = &f->ops[f->count++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

static bool op_rect(struct scene_frame *f, struct scene_rect r, struct scene_color c, const struct scene_rect *clip)
{
    struct scene_op *op = push_op(f, SCENE_OP_RECT);
    if (!op)
        return false;
    op->rect = r;
    op->color = c;
    if (clip) {
        op->clipped = true;
        op->clip = *clip;
    }
    return true;
}

static bool op_text(struct scene_frame *f, enum scene_font font, const char *text, int x, int baseline,
                    struct scene_color c, const struct scene_rect *clip)
{
    if (!text[0])
        return true;
    struct scene_op *op = push_op(f, SCENE_OP_TEXT);
    if (!op)
        return false;
    op->font = font;
    op->text = text;
    op->rect = (struct scene_rect){x, baseline, 0, 0};
    op->color = c;
    if (clip) {
        op->clipped = true;
        op->clip = *clip;
    }
    return true;
}

/* A coloured box whose label sits on the given baseline. */
static bool op_badge(const struct scene *s, struct scene_frame *f, enum scene_font font, enum item_kind kind, int x,
                     int baseline, int width, const struct scene_rect *clip, uint8_t alpha)
{
    const struct scene_font_metrics *m = metrics(s, font);
    const struct layout *l = &s->layout;
    struct scene_color c = scene_kind_color(kind);
    c.a = alpha;
    struct scene_color text = color_white;
    text.a = alpha;
    struct scene_rect box = {x, baseline - m->ascent - l->badge_pad_y, width, m->ascent + m->descent + 2 * l->badge_pad_y};
    return op_rect(f, box, c, clip) &&
           op_text(f, font, scene_kind_label(kind), x + l->badge_pad_x, baseline, text, clip);
}

static int badge_width(const struct scene *s, enum scene_font font, enum item_kind kind)
{
    return measure(s, font, scene_kind_label(kind)) + 2 * s->layout.badge_pad_x;
}

static bool build_header(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    bool ok = op_rect(f, (struct scene_rect){0, 0, l->width, l->header_height}, color_header, NULL) &&
              op_rect(f, (struct scene_rect){0, l->header_height - l->unit_px / 2, l->width, l->unit_px / 2},
                      color_accent, NULL);
    if (ok && l->logo_w) {
        struct scene_op *op = push_op(f, SCENE_OP_LOGO);
        if (!op)
            return false;
        op->rect = (struct scene_rect){l->logo_x, l->logo_y, l->logo_w, l->logo_h};
    }
    ok = ok && op_text(f, SCENE_FONT_HEADER_TITLE, s->title, l->title_x, l->title_baseline, color_white, NULL);
    int clock_x = l->clock_right - s->clock_width;
    ok = ok && op_text(f, SCENE_FONT_CLOCK, s->clock, clock_x, l->clock_baseline, color_accent, NULL);
    if (ok && s->status[0]) {
        const struct scene_font_metrics *m = metrics(s, SCENE_FONT_STATUS);
        int pad = l->badge_pad_x;
        int w = s->status_width + 2 * pad;
        int x = clock_x - 3 * l->unit_px - w;
        struct scene_rect box = {x, l->clock_baseline - m->ascent - l->badge_pad_y, w,
                                 m->ascent + m->descent + 2 * l->badge_pad_y};
        /* The status shares the clock's baseline; its box is centred on the clock's x-height. */
        ok = op_rect(f, box, color_status, NULL) &&
             op_text(f, SCENE_FONT_STATUS, s->status, x + pad, l->clock_baseline, color_header, NULL);
    }
    return ok;
}

/* Badge, title, summary and caption, from the badge's top to the caption's foot. */
static int featured_block_height(const struct scene *s, const struct featured_view *v)
{
    const struct layout *l = &s->layout;
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    int u = l->unit_px;
    return bf->ascent + bf->descent + 2 * l->badge_pad_y + 3 * u +
           (int)v->title.count * metrics(s, SCENE_FONT_FEATURED_TITLE)->line_height + 3 * u +
           (int)v->summary.count * metrics(s, SCENE_FONT_SUMMARY)->line_height + 2 * u +
           (int)v->caption.count * metrics(s, SCENE_FONT_CAPTION)->line_height;
}

static bool build_featured_view(const struct scene *s, struct scene_frame *f, const struct featured_view *v,
                                int dx, uint8_t alpha)
{
    const struct layout *l = &s->layout;
    const struct scene_rect *clip = &l->panel;
    int u = l->unit_px;
    int x = l->panel_margin + dx;
    const struct scene_font_metrics *bf = metrics(s, SCENE_FONT_BADGE);
    const struct scene_font_metrics *cf0 = metrics(s, SCENE_FONT_CAPTION);
    /* The block sits in the middle of the room above the source line. */
    int room = l->panel.h - 4 * u - (cf0->line_height + 4 * u);
    int spare = room - featured_block_height(s, v);
    int y = l->panel.y + 4 * u + (spare > 0 ? spare / 2 : 0) + l->badge_pad_y + bf->ascent;
    bool ok = op_badge(s, f, SCENE_FONT_BADGE, v->kind, x, y, badge_width(s, SCENE_FONT_BADGE, v->kind), clip, alpha);
    y += bf->descent + l->badge_pad_y + 3 * u;

    struct scene_color white = color_white, summary = color_summary, caption = color_caption;
    white.a = summary.a = caption.a = alpha;
    const struct scene_font_metrics *tf = metrics(s, SCENE_FONT_FEATURED_TITLE);
    for (size_t i = 0; ok && i < v->title.count; i++)
        ok = op_text(f, SCENE_FONT_FEATURED_TITLE, v->title.lines[i], x, y + tf->ascent + (int)i * tf->line_height,
                     white, clip);
    y += (int)v->title.count * tf->line_height + 3 * u;

    const struct scene_font_metrics *sf = metrics(s, SCENE_FONT_SUMMARY);
    for (size_t i = 0; ok && i < v->summary.count; i++)
        ok = op_text(f, SCENE_FONT_SUMMARY, v->summary.lines[i], x, y + sf->ascent + (int)i * sf->line_height,
                     summary, clip);
    y += (int)v->summary.count * sf->line_height + 2 * u;

    const struct scene_font_metrics *cf = metrics(s, SCENE_FONT_CAPTION);
    if (ok && v->caption.count) {
        struct scene_color bar = scene_kind_color(v->kind);
        bar.a = alpha;
        ok = op_rect(f, (struct scene_rect){x, y, u / 2 > 0 ? u / 2 : 1, (int)v->caption.count * cf->line_height},
                     bar, clip);
        for (size_t i = 0; ok && i < v->caption.count; i++)
            ok = op_text(f, SCENE_FONT_CAPTION, v->caption.lines[i], x + 2 * u,
                         y + cf->ascent + (int)i * cf->line_height, caption, clip);
    }
    if (ok && v->meta[0])
        ok = op_text(f, SCENE_FONT_CAPTION, v->meta, x, l->band_top - 2 * u - 2 * u - cf->descent, caption, clip);
    return ok;
}

static bool build_featured(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    if (!s->current.present) {
        static const char waiting[] = "Đang cập nhật tin tức" ELLIPSIS;
        const struct scene_font_metrics *m = metrics(s, SCENE_FONT_SUMMARY);
        return op_text(f, SCENE_FONT_SUMMARY, waiting, l->panel_margin, l->panel.y + l->panel.h / 2 + m->ascent / 2,
                       color_summary, NULL);
    }
    /* The old item slides out and fades in the first half, the new one in
     * the second: text over text, even faint, reads as a smudge. */
    double p = (s->now - s->featured_since) / TRANSITION_SECONDS;
    if (p > 1)
        p = 1;
    int slide = 6 * l->unit_px;
    bool ok = true;
    if (s->previous.present && p < 0.5) {
        double out = p * 2;
        double eased = out * out; /* ease-in: leaves gently, then quickly */
        ok = build_featured_view(s, f, &s->previous, -(int)lround(eased * slide), (uint8_t)lround((1 - eased) * 255));
    } else {
        double in = s->previous.present ? (p - 0.5) * 2 : 1; /* the very first item is simply there */
        double eased = 1 - (1 - in) * (1 - in) * (1 - in); /* ease-out: arrives fast, settles gently */
        ok = build_featured_view(s, f, &s->current, (int)lround((1 - eased) * slide), (uint8_t)lround(eased * 255));
    }
    return ok;
}

static bool prefetch(struct scene_frame *f, enum scene_font font, const char *text, struct scene_color color)
{
    struct scene_op *op = push_op(f, SCENE_OP_PREFETCH);
    if (!op)
        return false;
    op->font = font;
    op->text = text;
    op->color = color;
    return true;
}

static bool prefetch_block(struct scene_frame *f, enum scene_font font, const struct text_block *b,
                           struct scene_color color)
{
    for (size_t i = 0; i < b->count; i++)
        if (!prefetch(f, font, b->lines[i], color))
            return false;
    return true;
}

/* The next featured item's texts, made before it shows. */
static bool build_upcoming(struct scene *s, struct scene_frame *f)
{
    const struct featured_view *v = &s->upcoming;
    if (!v->present)
        return true;
    return prefetch(f, SCENE_FONT_BADGE, scene_kind_label(v->kind), color_white) &&
           prefetch_block(f, SCENE_FONT_FEATURED_TITLE, &v->title, color_white) &&
           prefetch_block(f, SCENE_FONT_SUMMARY, &v->summary, color_summary) &&
           prefetch_block(f, SCENE_FONT_CAPTION, &v->caption, color_caption) &&
           (!v->meta[0] || prefetch(f, SCENE_FONT_CAPTION, v->meta, color_caption));
}

/* How long until the next item: a thin bar along the panel's foot. */
static bool build_progress(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    if (!s->current.present)
        return true;
    double shown = (s->now - s->featured_since) / s->settings.featured_seconds;
    if (shown > 1)
        shown = 1;
    int h = l->unit_px / 2 > 0 ? l->unit_px / 2 : 1;
    return op_rect(f, (struct scene_rect){0, l->band_top - h, (int)lround(shown * l->width), h},
                   scene_kind_color(s->current.kind), NULL);
}

static bool build_crawl(struct scene *s, struct scene_frame *f)
{
    const struct layout *l = &s->layout;
    bool ok = op_rect(f, (struct scene_rect){0, l->band_top, l->width, l->band_height}, color_band, NULL);
    for (size_t i = 0; ok && i < s->entry_count; i++) {
        const struct crawl_entry *e = &s->entries[i];
        int x = entry_x(s, e);
        if (x >= l->width) {
            /* About to scroll in: have its texts ready before it shows. */
            struct scene_op *a = push_op(f, SCENE_OP_PREFETCH), *b = a ? push_op(f, SCENE_OP_PREFETCH) : NULL;
            if (!b)
                return false;
            a->font = SCENE_FONT_CRAWL;
            a->text = e->title;
            a->color = color_band_text;
            b->font = SCENE_FONT_CRAWL_BADGE;
            b->text = scene_kind_label(e->kind);
            b->color = color_white;
            continue;
        }
        ok = op_badge(s, f, SCENE_FONT_CRAWL_BADGE, e->kind, x, l->crawl_baseline, e->badge_width, NULL, 255);
        int tx = x + e->badge_width + l->crawl_gap;
        ok = ok && op_text(f, SCENE_FONT_CRAWL, e->title, tx, l->crawl_baseline, color_band_text, NULL);
        ok = ok && op_text(f, SCENE_FONT_CRAWL, BULLET, tx + e->title_width + 2 * l->crawl_gap, l->crawl_baseline,
                           color_label, NULL);
    }
    /* The fixed label covers entries as they leave at the left. */
    ok = ok && op_rect(f, (struct scene_rect){0, l->band_top, l->label_width, l->band_height}, color_label, NULL);
    ok = ok && op_text(f, SCENE_FONT_CRAWL_BADGE, CRAWL_LABEL, 3 * l->unit_px, l->crawl_baseline, color_white, NULL);
    return ok;
}

bool scene_build(struct scene *s, struct scene_frame *f)
{
    f->count = 0;
    const struct layout *l = &s->layout;
    if (!op_rect(f, (struct scene_rect){0, 0, l->width, l->height}, color_background, NULL) || !build_header(s, f) ||
        !build_featured(s, f))
        return false;
    /* What moves every frame comes last, drawn over the still part. */
    f->live_from = f->count;
    return build_progress(s, f) && build_crawl(s, f) && build_upcoming(s, f);
}

void scene_frame_clear(struct scene_frame *f)
{
    free(f->ops);
    memset(f, 0, sizeof *f);
}
