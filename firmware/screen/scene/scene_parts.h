/* scene_parts: what the files of the scene share — its state, its colours
 * and the helpers each region uses to wrap text and emit ops.  Internal to
 * screen/scene/scene*.c: nothing outside the scene includes it; scene.h is the one
 * public surface.  Never: calls SDL (the scene stays a pure function of
 * items, screen and time).
 *
 * The files, one per region of the screen and one for what ties them:
 *   scene.c          the timeline: creation, layout, time, speed, adoption of
 *                    a new item list, and scene_build, which asks each region
 *                    for its ops
 *   scene_header.c   the header: title, clock, status
 *   scene_featured.c the featured panel: rotation, transitions, progress bar
 *   scene_crawl.c    the crawl: placing, scrolling and dropping entries
 *   scene_alert.c    an alert: kept out of the rotation, the full screen or a
 *                    band in the featured panel's place, type fitted to the space
 *   scene_wrap.c     word wrap and ellipsis, by the caller's measure
 *   scene_ops.c      building the frame's op list (rects, texts, badges) */
#ifndef TICKER_SCENE_PARTS_H
#define TICKER_SCENE_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen/scene/scene.h"

#define TRANSITION_SECONDS 0.6 /* the wipe from one featured item to the next */
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

struct crawl_entry {
    char *id;
    char *title;
    enum item_kind kind;
    int64_t begin; /* scroll coordinate of the entry's left end */
    int width;     /* badge, gap, title, gap, bullet, gap */
    int badge_width, title_width;
    char *thumbnail;       /* its picture's thumbnail key; NULL: the item has none (or thumbnails are off) */
    int thumbnail_w, thumbnail_h; /* as drawn; 0: none drawn (not decoded when placed), and no gap */
    bool pinned;           /* an operator's pin (scene_pins.c), not a headline of the list */
    char *source;          /* for the proof of play */
};

struct text_block {
    char **lines;
    size_t count;
};

#define QR_LABEL "Quét để đọc tiếp" /* "scan to read on" */

/* Where the parts of one featured item go in the panel (logical pixels). */
struct panel_layout {
    int text_x, text_w;        /* the text column */
    int text_top, text_bottom; /* its room: the badge-to-summary block is centred in it */
    bool has_picture;
    struct scene_rect picture; /* drawn 1:1: the picture's own size, or the pan window */
    int pan_height;            /* a panned picture's full height; 0: shown whole */
    int caption_x, caption_y, caption_w; /* under the picture, or in the text column */
    bool has_qr;
    struct scene_rect qr;
    int qr_label_x, qr_label_baseline;
    int meta_x, meta_baseline; /* the source line */
};

struct featured_view {
    bool present;
    bool pinned;   /* an operator's pin, not an item of the list */
    char *id;
    char *text;    /* the item's title, for the proof of play */
    enum item_kind kind;
    struct text_block title, summary, caption;
    char *meta; /* source name */
    char *link;    /* "" when none or no QR code is drawn */
    char *picture; /* url, "" when none is drawn */
    struct panel_layout pl;
};

struct alert_view {
    bool present;
    bool full_screen;      /* extreme and severe; the others a band */
    enum item_severity severity;
    char *id;
    char *text;            /* its title and source, for the proof of play */
    char *source;
    enum scene_font title_font, body_font;
    struct text_block title, body;
    char *footer;          /* source and end time */
    struct scene_rect box; /* logical: the band, or the whole screen */
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
    bool portrait;
    int qr_side, qr_block;     /* the QR square, and it with its label */
    bool qr_fits;              /* the screen is big enough for a QR code that reads */
    int qr_label_width;
    struct scene_rect picture_area; /* where a featured picture may go */
    int picture_column;        /* landscape: the picture column's left; the text column ends before it */
    int thumbnail_w, thumbnail_h; /* the crawl thumbnail's box; 0: thumbnails off */
};

struct scene {
    struct scene_settings settings;
    char *full_title;    /* as configured */
    char *title;         /* header title, ellipsized to fit beside the clock and status */
    struct scene_measure measure;
    struct layout layout;
    struct item_list *list;
    /* Group mode: the list the crawl places from (owned; NULL: none yet)
     * and the segments waiting for their scroll coordinate. */
    struct item_list *crawl_list;
    struct {
        struct item_list *list;
        int64_t start;
        bool exact;
    } pending[SCENE_GROUP_PENDING];
    size_t pending_count;
    int origin_x, origin_y; /* this screen's part of the wall's layout */
    int screen_lw, screen_lh; /* this screen's logical size */
    char **thumbnail_keys; /* per item of list: its picture's thumbnail key, or NULL; NULL: thumbnails off */
    size_t thumbnail_key_count; /* list's count when they were made */

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

    struct item_list *pins;   /* the adopted list's pins, placed with priority while current (scene_pins.c) */
    size_t pins_current;      /* of them current at wall */
    int64_t pins_change;      /* the wall time one begins or ends next; 0: none */
    size_t pin_next;          /* the pin to place next, round the current ones */
    size_t crawl_since_pin, featured_since_pin; /* headlines placed (shown) since the last pin */
    int pin_badge_widths[2]; /* [0] featured, [1] crawl, as badge_widths */
    struct scene_play *plays; /* what was shown, not taken yet (scene_plays.c) */
    size_t play_count, plays_dropped;
    double alert_since;       /* scene time the shown alert came */

    struct item_list *alerts; /* the adopted list's alerts, out of the rotation */
    int64_t wall;             /* Unix seconds of the last scene_set_clock */
    size_t alerts_current;
    struct alert_view alert;

    char clock[64];
    int clock_width;
    char status[128];
    int status_width;

    /* Measured once: drawn every frame, never shaped again. */
    int badge_widths[2][ITEM_KIND_COUNT]; /* [0] featured badge, [1] crawl badge; padding included */
    int space_widths[SCENE_FONT_COUNT];

    /* What the last scene_build showed, for the frame's damage rectangle:
     * a generation counts every change of the featured item (and of the
     * header), and the wipe's edge says how far the new item had come. */
    unsigned featured_gen, header_gen;
    struct {
        bool valid;
        unsigned featured_gen, header_gen;
        int edge; /* the wipe's edge; -1: no wipe (the item stood still) */
        int pan;  /* the featured picture's pan */
    } built;
    int wipe_edge; /* of the build in progress */
    int pan;       /* of the build in progress */
};

static inline int measure(const struct scene *s, enum scene_font font, const char *text)
{
    return text[0] ? s->measure.text_width(s->measure.context, font, text) : 0;
}

static inline const struct scene_font_metrics *metrics(const struct scene *s, enum scene_font font)
{
    return &s->measure.fonts[font];
}

static inline int entry_x(const struct scene *s, const struct crawl_entry *e)
{
    return s->layout.crawl_left + (int)(e->begin - s->offset);
}

/* scene_wrap.c */
void scene_block_clear(struct text_block *b);
/* Greedy word wrap into at most max_lines; an ellipsis ends a cut text.
 * Returns false when out of memory. */
bool scene_wrap_text(const struct scene *s, enum scene_font font, const char *text, int max_width, int max_lines,
                     struct text_block *out);
/* text cut to one line of max_width, with an ellipsis when cut; caller frees. */
char *scene_ellipsize(const struct scene *s, enum scene_font font, const char *text, int max_width);

/* scene_ops.c: each returns false when out of memory. */
struct scene_op *scene_push_op(struct scene_frame *f, enum scene_op_kind kind);
bool scene_op_rect(struct scene_frame *f, struct scene_rect r, struct scene_color c, const struct scene_rect *clip);
bool scene_op_text(struct scene_frame *f, enum scene_font font, const char *text, int x, int baseline,
                   struct scene_color c, const struct scene_rect *clip);
bool scene_op_badge(const struct scene *s, struct scene_frame *f, enum scene_font font, enum item_kind kind, int x,
                    int baseline, int width, const struct scene_rect *clip);
/* A badge of any label and colours (a pin's). */
bool scene_op_label_badge(const struct scene *s, struct scene_frame *f, enum scene_font font, const char *label,
                          struct scene_color back, struct scene_color ink, int x, int baseline, int width,
                          const struct scene_rect *clip);
int scene_badge_width(const struct scene *s, enum scene_font font, enum item_kind kind);
bool scene_prefetch(struct scene_frame *f, enum scene_font font, const char *text, struct scene_color color);

/* scene_header.c */
bool scene_build_header(struct scene *s, struct scene_frame *f);

/* scene_panel.c: one featured item laid out and drawn */
void scene_panel_layout(struct scene *s); /* the parts of struct layout it owns */
bool scene_featured_fill(struct scene *s, struct featured_view *v, const struct item *item);
bool scene_build_featured_view(const struct scene *s, struct scene_frame *f, const struct featured_view *v,
                               const struct scene_rect *clip);
bool scene_prefetch_featured(const struct scene *s, struct scene_frame *f, const struct featured_view *v);
/* The row of v's picture at its window's top, shown seconds after v came
 * (negative: v is leaving); 0 when not panned. */
int scene_panel_pan(const struct scene *s, const struct featured_view *v, double shown);

/* scene_featured.c */
void scene_featured_clear(struct featured_view *v);
size_t scene_list_find(const struct item_list *list, const char *id); /* SIZE_MAX: not there */
void scene_featured_show(struct scene *s, size_t index, double since, bool keep_previous);
void scene_featured_advance(struct scene *s);
bool scene_build_featured(struct scene *s, struct scene_frame *f);
bool scene_build_upcoming(struct scene *s, struct scene_frame *f);
bool scene_build_progress(struct scene *s, struct scene_frame *f);
int scene_wipe_bar_width(const struct scene *s);

/* scene_alert.c */
void scene_alert_take(struct scene *s, struct item_list *list); /* moves list's alerts out of it */
/* Moves the alerts back into list (NULL: they become the list); returns it. */
struct item_list *scene_alert_give_back(struct scene *s, struct item_list *list);
void scene_alert_set_time(struct scene *s, int64_t wall);
void scene_alert_clear(struct scene *s);
bool scene_alert_full_screen(const struct scene *s);
bool scene_build_alert(struct scene *s, struct scene_frame *f);

/* scene_pins.c */
#define PIN_LABEL "BAN TỔ CHỨC" /* the organisers: a pin's badge */
void scene_pins_take(struct scene *s, struct item_list *list); /* moves list's pins out of it */
struct item_list *scene_pins_give_back(struct scene *s, struct item_list *list);
void scene_pins_clear(struct scene *s);
void scene_pins_set_time(struct scene *s, int64_t wall);
/* The pin the crawl places next (headlines: the list has some), or NULL. */
const struct item *scene_pins_for_crawl(struct scene *s, bool headlines);
/* The pin the featured panel shows next instead of a headline, or NULL. */
const struct item *scene_pins_for_featured(struct scene *s, bool headlines);
bool scene_pins_featured_current(const struct scene *s);
/* Drops the placed entries from the first not yet visible one that gone
 * says is to go, and places the crawl again from there. */
void scene_crawl_drop_unseen(struct scene *s, bool (*gone)(const struct scene *s, const struct crawl_entry *e));

/* scene_plays.c */
void scene_play_add(struct scene *s, enum scene_play_kind kind, const char *id, const char *title, const char *source,
                    double from, double to);
void scene_plays_clear(struct scene *s);
/* When the entry's left end came in at the band's right edge (scene time). */
double scene_crawl_entered(const struct scene *s, const struct crawl_entry *e);

/* scene_crawl.c */
void scene_entry_free(struct crawl_entry *e);
/* The thumbnail keys of the list's items (s->thumbnail_keys); set again
 * whenever s->list changes. False on OOM (then no thumbnails). */
bool scene_crawl_set_keys(struct scene *s);
void scene_crawl_free_keys(struct scene *s);
size_t scene_crawl_wanted(const struct scene *s, const char **keys, size_t max);
void scene_crawl_update(struct scene *s);
void scene_crawl_drop_passed(struct scene *s);
/* The entry for item (its thumbnail by key, NULL: none), not yet placed. */
bool scene_crawl_make(struct scene *s, const struct item *item, const char *thumbnail_key, bool pinned,
                      struct crawl_entry *e);
/* Places e at next_begin; false on OOM (e freed). */
bool scene_crawl_place(struct scene *s, struct crawl_entry *e);
/* The placement horizon: entries are placed up to it. */
int64_t scene_crawl_horizon(const struct scene *s);

/* scene_group.c */
void scene_group_crawl_update(struct scene *s);
void scene_group_clear(struct scene *s);
/* Moves the frame's ops from the wall's coordinates to this screen's. */
void scene_group_to_screen(const struct scene *s, struct scene_frame *f);
bool scene_build_crawl(struct scene *s, struct scene_frame *f);

#endif
