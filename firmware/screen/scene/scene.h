/* Stage screen (firmware/screen/), whose main header this is: what the
 * visitor sees.  The scene (pure), typesetting, textures, the display, the
 * frame loop.  Uses base only (items arrive through the mailbox).  Never
 * fetches, parses, or opens the cache, and no frame waits on disk or
 * network.
 *
 * scene: what is where at time t — the header, the featured panel and the
 * crawl — for a list of items, a screen size and a rotation.
 * Owns: the layout (regions, font sizes, wrapping), the timeline (crawl
 * scroll, featured cycling, transitions), adoption of new item lists at a
 * safe point, speed snapping, and the mapping of logical rectangles to the
 * rotated physical screen.  Never: calls SDL or touches pixels; text widths
 * come from the caller's measure function, so it is testable without SDL.
 *
 * Coordinates in ops are logical (the upright scene as a visitor sees it);
 * scene_rotate_rect maps them to the physical framebuffer. */
#ifndef TICKER_SCENE_H
#define TICKER_SCENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/item.h"

enum scene_font {
    SCENE_FONT_HEADER_TITLE,
    SCENE_FONT_CLOCK,
    SCENE_FONT_STATUS,
    SCENE_FONT_BADGE,          /* featured panel's kind badge */
    SCENE_FONT_FEATURED_TITLE,
    SCENE_FONT_SUMMARY,
    SCENE_FONT_CAPTION,
    SCENE_FONT_CRAWL,
    SCENE_FONT_CRAWL_BADGE,
    SCENE_FONT_ALERT_LABEL,    /* an alert's "KHẨN CẤP" / "CẢNH BÁO" / "THÔNG BÁO" box */
    SCENE_FONT_ALERT_TITLE_1,  /* an alert's title, largest first: scene_alert picks */
    SCENE_FONT_ALERT_TITLE_2,  /* the largest size at which the whole text fits */
    SCENE_FONT_ALERT_TITLE_3,
    SCENE_FONT_ALERT_TITLE_4,
    SCENE_FONT_ALERT_BODY_1,
    SCENE_FONT_ALERT_BODY_2,
    SCENE_FONT_ALERT_BODY_3,
    SCENE_FONT_COUNT
};

struct scene_font_spec {
    int size_px;
    bool bold;
};

struct scene_font_metrics {
    int ascent;  /* baseline to the top of the line */
    int descent; /* baseline to the bottom of the line, positive */
    int line_height;
};

/* Text widths and font metrics, supplied by the renderer (or a test). */
struct scene_measure {
    int (*text_width)(void *context, enum scene_font font, const char *text);
    /* Whether the picture at url is decoded and ready to draw, and its size
     * in pixels (as it will be drawn: decoded to fit scene_picture_box).
     * NULL: no pictures. Asked when an item is laid out, never per frame. */
    bool (*picture_size)(void *context, const char *url, int *width, int *height);
    void *context;
    struct scene_font_metrics fonts[SCENE_FONT_COUNT];
};

/* A wall: columns x rows screens showing one scene laid out for all of
 * them, each screen its own part. The layout's logical size is the wall's:
 * every screen's logical size times the count, plus a bezel between two
 * neighbours (the glass and frames no pixel shows), so a headline leaving
 * one screen's edge enters the next one's at the same moment, its letters
 * where they would be had the bezel been pixels. */
struct scene_wall {
    int columns, rows; /* 0 or 1 each: one screen */
    int column, row;   /* this screen's place, from 0 at the top left */
    int bezel_px;      /* logical pixels between two neighbours' pictures */
};

struct scene_settings {
    int screen_width, screen_height; /* physical framebuffer */
    int rotate;                      /* 0, 90, 180, 270: clockwise */
    double refresh_hz;               /* 0: 60 */
    double speed_px_per_second;
    double featured_seconds;
    const char *title;               /* exhibition title, copied */
    bool qr_code;                    /* a QR code to the featured item's link */
    bool pictures;                   /* the featured item's picture */
    bool crawl_thumbnails;           /* a thumbnail before each crawl headline with a picture (with pictures) */
    int logo_width, logo_height;     /* the logo's own size; 0: no logo */
    struct scene_wall wall;          /* zero: one screen */
    /* Group mode (several screens in step): the crawl and the featured
     * panel follow the segments given to scene_group_adopt, and time is
     * the group's clock in seconds, so the same segments and time give
     * every screen the same crawl offset. Crawl thumbnails are off: one
     * decoded here and not there would move the headlines after it. */
    bool group;
    int pin_every;                   /* a current pin comes again after this many headlines; 0: 3 */
};

struct scene_color {
    uint8_t r, g, b, a;
};

struct scene_rect {
    int x, y, w, h;
};

enum scene_op_kind {
    SCENE_OP_RECT,     /* filled rectangle */
    SCENE_OP_TEXT,     /* text with its left end at x and its baseline at y */
    SCENE_OP_LOGO,     /* the logo scaled into rect */
    SCENE_OP_QR,       /* a QR code of text (a link), whole modules, centred in the square rect */
    SCENE_OP_PICTURE,  /* the picture whose url is text, its rows from src_y drawn 1:1 into rect */
    SCENE_OP_PREFETCH  /* text about to become visible: prepare, do not draw */
};

struct scene_op {
    enum scene_op_kind kind;
    struct scene_rect rect; /* RECT, LOGO; TEXT: x and y (baseline) only */
    struct scene_color color;
    enum scene_font font;
    const char *text;       /* owned by the scene, valid until its next change */
    bool clipped;           /* draw only inside clip */
    struct scene_rect clip;
    int src_y;              /* PICTURE: the picture's row at rect's top (a tall picture panned) */
};

struct scene_frame {
    struct scene_op *ops;
    size_t count, capacity;
    /* ops[0..live_from) are the still part (header, featured panel): the
     * same ops draw the same pixels, so a renderer that keeps its pixels
     * between frames may skip them. ops[live_from..count) move every frame
     * and cover what they change. */
    size_t live_from;
    /* When has_damage: the still ops draw the same pixels as those of the
     * previous scene_build everywhere outside damage (logical), so a
     * renderer that kept the previous frame's pixels redraws only the still
     * ops inside it. Without it, compare the ops themselves. */
    bool has_damage;
    struct scene_rect damage;
};

struct scene;

/* Logical size for a physical size and rotation (90 and 270 swap them). */
void scene_logical_size(int screen_width, int screen_height, int rotate, int *width, int *height);
/* Font sizes for a logical screen size: big type, readable from meters away. */
void scene_font_specs(int width, int height, struct scene_font_spec specs[SCENE_FONT_COUNT]);

/* Whole pixels per refresh nearest to the speed (at least 1), so that steps
 * never alternate 1-2-1-2. refresh_hz 0 means 60. */
int scene_snap_pixels_per_frame(double speed_px_per_second, double refresh_hz);

/* The wall's logical size for one screen's logical size, and where this
 * screen's part starts in it (logical pixels). A zero wall is one screen. */
void scene_wall_layout(const struct scene_wall *wall, int screen_logical_width, int screen_logical_height,
                       int *width, int *height, int *origin_x, int *origin_y);

/* Maps a logical rectangle to the physical framebuffer: where the rotated
 * rectangle lands. */
struct scene_rect scene_rotate_rect(struct scene_rect logical, int logical_width, int logical_height, int rotate);

/* The Vietnamese kind badge text: "ĐỐI THOẠI", "INFOGRAPHIC", "VIDEO", "TIN TỨC". */
const char *scene_kind_label(enum item_kind kind);
struct scene_color scene_kind_color(enum item_kind kind);

/* NULL on OOM or bad settings. measure is copied. */
struct scene *scene_create(const struct scene_settings *settings, const struct scene_measure *measure);
void scene_destroy(struct scene *scene);

/* Takes ownership of list (NULL is ignored). The crawl keeps every entry
 * already placed and continues with the new list after them, from the item
 * that would have come next if the new list has it; the featured panel
 * switches to the new list at its next change. Nothing moves. */
void scene_adopt(struct scene *scene, struct item_list *list);
/* For a scene that replaces another (the window was resized): the next
 * adopt shows this featured item first and starts the crawl with this
 * story, when the list has them. Either may be NULL. Copied. */
void scene_resume(struct scene *scene, const char *featured_id, const char *crawl_id);
/* Group mode: a program's segment. Takes ownership of list (NULL is
 * ignored). The featured panel shows the list's items in turn from
 * featured_epoch (group seconds): item n mod count during
 * [epoch + n * featured_seconds, ...), whatever time it is adopted at,
 * so a screen that joins late shows what the others show. The crawl goes
 * on with the segment before up to scroll coordinate crawl_start (pixels),
 * and places the list from its first item at the first headline boundary
 * at or past it: no gap, and the same on every screen, since a segment's
 * start is chosen beyond what any screen has shown (headlines placed there
 * ahead of the edge are taken back). That needs every screen to have shown
 * the segment before; one that did not (a follower back from its own
 * items) takes an exact segment, which begins at crawl_start itself: the
 * segment before's last headline that would reach past it is not placed
 * (a gap shorter than one headline). Segments are adopted in order; at
 * most SCENE_GROUP_PENDING wait. */
#define SCENE_GROUP_PENDING 4
void scene_group_adopt(struct scene *scene, struct item_list *list, int64_t crawl_start, double featured_epoch,
                       bool exact);
/* (Its crawl offset at group time t is base/program's program_crawl_offset.) */
/* Gives the current list back, alerts included (for a rebuild at another
 * size), or NULL. */
struct item_list *scene_release_list(struct scene *scene);

/* The alert shown now ("" for none): an item whose severity is not NONE
 * and that has not expired at the wall clock of the last scene_set_clock.
 * Alerts are kept out of the featured rotation and the crawl; the most
 * severe (then the newest) takes over: extreme and severe the full screen
 * in red, the others a full-width amber band in the featured panel's place. */
const char *scene_alert_id(const struct scene *scene);
/* Alerts of the adopted list that are current at that wall clock. */
size_t scene_alert_count(const struct scene *scene);

/* Status text for the header ("" for none), copied. */
void scene_set_status(struct scene *scene, const char *status);
/* The header's clock, and the wall clock alerts expire by (local_time's
 * tm_gmtoff gives its offset from UTC). */
void scene_set_clock(struct scene *scene, const struct tm *local_time);

/* Moves the timeline to t seconds (never backwards). */
void scene_advance(struct scene *scene, double t);
/* Changes the crawl speed at time t without moving anything. */
void scene_set_speed(struct scene *scene, double t, double speed_px_per_second);
int scene_pixels_per_frame(const struct scene *scene);
/* Shows the next (+1) or previous (-1) featured item from time t. */
void scene_featured_step(struct scene *scene, double t, int step);

/* The ops that draw the scene at the time of the last advance, back to
 * front. Returns false on OOM. */
bool scene_build(struct scene *scene, struct scene_frame *frame);
void scene_frame_clear(struct scene_frame *frame);

/* The box a featured picture is decoded to fit (logical pixels): pictures
 * are drawn 1:1, never scaled per frame. A tall picture (an infographic)
 * is decoded to fit the width and at most SCENE_TALL_SCREENS box heights,
 * and panned. */
#define SCENE_TALL_SCREENS 4
void scene_picture_box(const struct scene *scene, int *width, int *height);
/* The box a crawl thumbnail is decoded to fit: the crawl line's height
 * (with a unit of the band above and below), 16:9 at most. 0 x 0 when
 * thumbnails are off. A tall picture's thumbnail shows its top. */
void scene_thumbnail_box(const struct scene *scene, int *width, int *height);
/* The pictures wanted soon, by key (base/picture_mailbox), best first: those
 * of the featured item, the next ones and the one before, first picture of
 * each; then, with crawl thumbnails, the thumbnail keys of the headlines
 * placed next and of those placed without theirs (drawn the next time
 * round, or by a screenshot laid out again). Returns how many keys (owned
 * by the scene, valid until its next advance or adopt) went into urls. */
size_t scene_wanted_pictures(const struct scene *scene, const char **urls, size_t max);
/* Room a caller gives scene_wanted_pictures: the featured item's four and
 * the crawl's thumbnails with room to spare. */
#define SCENE_WANTED_PICTURES_MAX 16

/* What was shown, for the proof of play: a featured item from its start to
 * its end, one pass of a headline (or pin) through the crawl, an alert.
 * Times are the scene's (seconds of scene_advance). */
enum scene_play_kind { SCENE_PLAY_FEATURED, SCENE_PLAY_CRAWL, SCENE_PLAY_ALERT };
struct scene_play {
    enum scene_play_kind kind;
    char *id, *title, *source; /* owned */
    double from, to;
};
#define SCENE_PLAYS_MAX 512 /* kept until taken; beyond, the oldest go (counted) */
/* Moves up to max plays ended since the last take into out (oldest first);
 * the caller frees each with scene_play_clear. Returns how many. */
size_t scene_take_plays(struct scene *scene, struct scene_play *out, size_t max);
void scene_play_clear(struct scene_play *play);
/* At the end of a run: the featured item and the alert on screen end now. */
void scene_finish_plays(struct scene *scene);
/* Pins of the adopted list current at the last scene_set_clock. */
size_t scene_pin_count(const struct scene *scene);

/* Introspection, for tests and the frame loop. */
int64_t scene_crawl_offset(const struct scene *scene); /* scroll distance in pixels */
size_t scene_crawl_entry_count(const struct scene *scene);
size_t scene_item_count(const struct scene *scene); /* items of the adopted list */
/* The id, logical x and width of placed crawl entry i (left to right); a
 * pin's id is the item's ("pin:NAME"). */
bool scene_crawl_entry(const struct scene *scene, size_t i, const char **id, int *x, int *width);
/* The featured item's id ("" when none) and the time it appeared. */
const char *scene_featured_id(const struct scene *scene);
void scene_logical_screen(const struct scene *scene, int *width, int *height);

#endif
