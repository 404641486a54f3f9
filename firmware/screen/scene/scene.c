/* The scene's timeline and lifecycle: creation and layout, time and speed,
 * adoption of new item lists, and the frame built region by region. The
 * regions live in scene_header.c, scene_featured.c and scene_crawl.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "screen/scene/scene_parts.h"

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
        [SCENE_FONT_ALERT_LABEL] = {40, true},
        [SCENE_FONT_ALERT_TITLE_1] = {150, true}, [SCENE_FONT_ALERT_TITLE_2] = {118, true},
        [SCENE_FONT_ALERT_TITLE_3] = {92, true},  [SCENE_FONT_ALERT_TITLE_4] = {70, true},
        [SCENE_FONT_ALERT_BODY_1] = {70, false},  [SCENE_FONT_ALERT_BODY_2] = {54, false},
        [SCENE_FONT_ALERT_BODY_3] = {42, false},
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

void scene_wall_layout(const struct scene_wall *wall, int lw, int lh, int *width, int *height, int *origin_x,
                       int *origin_y)
{
    int columns = wall->columns > 1 ? wall->columns : 1, rows = wall->rows > 1 ? wall->rows : 1;
    int bezel = wall->bezel_px > 0 && columns * rows > 1 ? wall->bezel_px : 0;
    int column = wall->column > 0 && wall->column < columns ? wall->column : 0;
    int row = wall->row > 0 && wall->row < rows ? wall->row : 0;
    *width = columns * lw + (columns - 1) * bezel;
    *height = rows * lh + (rows - 1) * bezel;
    *origin_x = column * (lw + bezel);
    *origin_y = row * (lh + bezel);
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

static void compute_layout(struct scene *s)
{
    struct layout *l = &s->layout;
    scene_logical_size(s->settings.screen_width, s->settings.screen_height, s->settings.rotate, &s->screen_lw,
                       &s->screen_lh);
    scene_wall_layout(&s->settings.wall, s->screen_lw, s->screen_lh, &l->width, &l->height, &s->origin_x,
                      &s->origin_y);
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
    bool thumbnails = s->settings.crawl_thumbnails && s->settings.pictures && !s->settings.group;
    l->thumbnail_h = thumbnails ? cr->ascent + cr->descent + 2 * u : 0;
    l->thumbnail_w = l->thumbnail_h * 16 / 9;

    l->panel = (struct scene_rect){0, l->header_height, l->width, l->band_top - l->header_height};
    l->title_lines_max = portrait ? 5 : 3;
    l->summary_lines_max = portrait ? 9 : 4;
    scene_panel_layout(s);
}

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
    s->title =
        s->full_title ? scene_ellipsize(s, SCENE_FONT_HEADER_TITLE, s->full_title, s->layout.title_max_width) : NULL;
    s->bullet_width = measure(s, SCENE_FONT_CRAWL, BULLET);
    for (int k = 0; k < ITEM_KIND_COUNT; k++) {
        s->badge_widths[0][k] = measure(s, SCENE_FONT_BADGE, scene_kind_label(k)) + 2 * s->layout.badge_pad_x;
        s->badge_widths[1][k] = measure(s, SCENE_FONT_CRAWL_BADGE, scene_kind_label(k)) + 2 * s->layout.badge_pad_x;
    }
    for (int i = 0; i < SCENE_FONT_COUNT; i++)
        s->space_widths[i] = measure(s, i, " ");
    s->pin_badge_widths[0] = measure(s, SCENE_FONT_BADGE, PIN_LABEL) + 2 * s->layout.badge_pad_x;
    s->pin_badge_widths[1] = measure(s, SCENE_FONT_CRAWL_BADGE, PIN_LABEL) + 2 * s->layout.badge_pad_x;
    s->crawl_since_pin = s->featured_since_pin = SIZE_MAX / 2; /* a current pin comes first */
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
        scene_entry_free(&s->entries[i]);
    free(s->entries);
    scene_featured_clear(&s->current);
    scene_featured_clear(&s->previous);
    scene_featured_clear(&s->upcoming);
    item_list_destroy(s->list);
    scene_group_clear(s);
    scene_crawl_free_keys(s);
    scene_alert_clear(s);
    scene_pins_clear(s);
    scene_plays_clear(s);
    free(s->title);
    free(s->full_title);
    free(s->resume_featured);
    free(s->resume_crawl);
    free(s);
}

static bool left_the_list(const struct scene *s, const struct crawl_entry *e)
{
    return !e->pinned && scene_list_find(s->list, e->id) == SIZE_MAX;
}

void scene_adopt(struct scene *s, struct item_list *list)
{
    if (!list)
        return;
    scene_alert_take(s, list); /* alerts leave the rotation before anything is placed */
    scene_pins_take(s, list);  /* and pins, placed by their own turn */
    /* Continue the crawl after the last placed entry, at the same story
     * when the new list still has it; the entries already placed stay. */
    size_t next = 0;
    size_t last = s->entry_count;
    while (last > 0 && s->entries[last - 1].pinned)
        last--; /* the last headline placed, not a pin */
    if (last) {
        size_t at = scene_list_find(list, s->entries[last - 1].id);
        if (at != SIZE_MAX)
            next = at + 1;
    }
    else if (s->resume_crawl) {
        size_t at = scene_list_find(list, s->resume_crawl);
        if (at != SIZE_MAX)
            next = at; /* a rebuilt scene starts with the story that was leading */
    }
    size_t featured = s->current.present ? scene_list_find(list, s->current.id) : SIZE_MAX;
    size_t resumed = !s->current.present && s->resume_featured ? scene_list_find(list, s->resume_featured) : SIZE_MAX;
    free(s->resume_featured);
    free(s->resume_crawl);
    s->resume_featured = s->resume_crawl = NULL;
    item_list_destroy(s->list);
    s->list = list;
    scene_crawl_set_keys(s);
    scene_featured_clear(&s->upcoming); /* laid out from the old list */
    s->next_index = list->count ? next % list->count : 0;
    if (s->entry_count == 0)
        s->has_next_begin = false; /* nothing on screen to follow: start at the band's left */
    s->featured_index = featured;
    /* A headline that left the list (a rule hid it) and is not on screen
     * yet is not shown; with no headline left the panel empties at once. */
    scene_crawl_drop_unseen(s, left_the_list);
    if (!list->count && s->current.present && !s->current.pinned)
        scene_featured_clear(&s->current);
    scene_crawl_update(s);
    if (resumed != SIZE_MAX)
        scene_featured_show(s, resumed, s->now, false);
    scene_featured_advance(s);
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
    scene_crawl_free_keys(s);
    list = scene_pins_give_back(s, list);
    return scene_alert_give_back(s, list); /* a rebuilt scene shows the same alert */
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
    scene_crawl_update(s);
    scene_featured_advance(s);
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
    *width = s->screen_lw;
    *height = s->screen_lh;
}

/* Where the still part changed since the last build: only the strip the
 * wipe's bar crossed, when nothing else changed. */
static void find_damage(struct scene *s, struct scene_frame *f)
{
    f->has_damage = false;
    const struct layout *l = &s->layout;
    int edge = s->wipe_edge, bar = scene_wipe_bar_width(s);
    if (edge < 0 && s->built.valid && s->built.featured_gen == s->featured_gen && s->built.edge >= 0)
        edge = l->width + bar; /* the wipe has ended: its last strip */
    bool same_header = s->built.valid && s->built.header_gen == s->header_gen;
    int from = 0, to = 0;
    if (same_header && s->built.featured_gen == s->featured_gen && s->built.edge >= 0 && edge >= 0) {
        from = (s->built.edge < edge ? s->built.edge : edge) - bar; /* the same wipe, further on */
        to = s->built.edge > edge ? s->built.edge : edge;
    } else if (same_header && s->built.featured_gen + 1 == s->featured_gen && s->built.edge < 0 && edge >= 0) {
        to = edge; /* a wipe begins over the item that stood still */
    } else if (same_header && s->built.featured_gen == s->featured_gen && s->built.edge < 0 && edge < 0 &&
               s->built.pan != s->pan && s->current.pl.has_picture) {
        /* Only the panned picture moved. */
        f->has_damage = true;
        f->damage = s->current.pl.picture;
    }
    if (from < 0)
        from = 0;
    if (to > l->width)
        to = l->width;
    if (!f->has_damage && to > from) {
        f->has_damage = true;
        f->damage = (struct scene_rect){from, l->panel.y, to - from, l->panel.h};
    }
    s->built.valid = true;
    s->built.featured_gen = s->featured_gen;
    s->built.header_gen = s->header_gen;
    s->built.edge = s->wipe_edge;
    s->built.pan = s->pan;
}

bool scene_build(struct scene *s, struct scene_frame *f)
{
    f->count = 0;
    const struct layout *l = &s->layout;
    if (scene_alert_full_screen(s)) { /* nothing else shows, nothing moves */
        bool ok = scene_build_alert(s, f);
        s->built.valid = false; /* the panel's damage is not tracked under an alert */
        f->has_damage = false;
        f->live_from = f->count;
        scene_group_to_screen(s, f);
        return ok;
    }
    if (!scene_op_rect(f, (struct scene_rect){0, 0, l->width, l->height}, color_background, NULL) ||
        !scene_build_header(s, f) || !(s->alert.present ? scene_build_alert(s, f) : scene_build_featured(s, f))) {
        s->built.valid = false;
        return false;
    }
    if (s->alert.present) { /* the band hides the panel: its damage is not tracked, the render redraws whole */
        s->built.valid = false;
        f->has_damage = false;
    } else {
        find_damage(s, f);
    }
    /* What moves every frame comes last, drawn over the still part. */
    f->live_from = f->count;
    bool ok = (s->alert.present || scene_build_progress(s, f)) && scene_build_crawl(s, f) && scene_build_upcoming(s, f);
    scene_group_to_screen(s, f);
    return ok;
}

void scene_frame_clear(struct scene_frame *f)
{
    free(f->ops);
    memset(f, 0, sizeof *f);
}
