/* config: the settings in force, each with where it came from (default,
 * file:line, fleet file, command line), read from the INI file as records
 * (base/config_load.c) and the command line, by the one table of settings
 * (base/settings.h), which holds every key, default and bound.
 * Owns: struct config and its memory.  Never: reads anything but its own
 * file, or acts on a setting. */
#ifndef TICKER_CONFIG_H
#define TICKER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/onhours.h"

struct string_list {
    char **values;
    size_t count;
};

struct tzone;

/* What may be shown ([editorial], and a [source]'s own): words and phrases
 * matched on whole words of the NFC, case-folded title, summary and
 * captions (ingest/wordmatch), and an age limit. */
struct show_rules {
    struct string_list include; /* not empty: only items with one of these */
    struct string_list exclude; /* never an item with one of these */
    int max_age_seconds;        /* 0: no limit ([source]: the [editorial] one) */
};

/* An operator's message in the crawl, with priority, between its times:
 * [editorial] pin in the config or the fleet file, or a pins.ini on the
 * stick (base/config_editorial). */
struct pin_config {
    char *name;           /* a pins.ini's [pin NAME]; "config" for [editorial] pin */
    char *text;
    int64_t starts, ends; /* Unix seconds; 0: from the start / for ever */
    bool featured;        /* also in the featured panel's rotation */
};
struct pin_list {
    struct pin_config *pins;
    size_t count;
};

/* [editorial]: what the screens may show, and the record of what they did. */
enum config_stale { CONFIG_STALE_SAY, CONFIG_STALE_SHOW };
struct editorial_config {
    struct show_rules rules;
    int stale;               /* enum config_stale: max_age hid every headline: say so, or show them anyway */
    struct string_list hide; /* ids or links never shown (with `ticker hide`'s, in the cache) */
    char *pin;               /* the config's (or fleet file's) pin: its text, "" none */
    char *pin_start, *pin_end; /* its times as written (config_parse_time); "" none */
    bool pin_featured;       /* it shows in the featured panel too */
    int pin_every;           /* a current pin comes again after this many headlines */
    int played_keep_days;    /* the proof of play is kept this long */
};

/* CAP 1.2 <scope> values (OASIS CAP-V1.2 3.2.1) an alert source shows: a
 * Restricted or Private message is for its addressees, not a public screen. */
enum {
    CONFIG_CAP_SCOPE_PUBLIC = 1,
    CONFIG_CAP_SCOPE_RESTRICTED = 2,
    CONFIG_CAP_SCOPE_PRIVATE = 4,
};

struct source_config {
    char *name;           /* NAME of its [source NAME] section ("" for [source]); the location for a SOURCE argument */
    char **origins;       /* per row of settings_table: where the value came from; NULL: the default */
    char *location;       /* URL, file or directory */
    int refresh_seconds;  /* 0: use fetch.refresh_seconds */
    struct tzone *zone;   /* `timezone =`: for dates without a zone; NULL: the kiosk's own */
    char *zone_name;      /* the same as written; NULL: unset */
    bool alert;           /* type = alert: a CAP 1.2 document or feed, or a text file (title line, body) */
    int alert_severity;   /* text alerts: enum item_severity (base/item.h); default severe */
    int expire_after_seconds; /* alerts without their own expiry: shown this long after the file changed
                                 (CAP: after <sent>); 0: until the file is removed */
    struct string_list cap_scope; /* CAP <scope>s shown, as written: public, restricted, private */
    unsigned cap_scopes;      /* the same read: CONFIG_CAP_SCOPE_*; Public is shown whatever it holds */
    char *hours[8];           /* `hours_mon` .. `hours_sun`, `hours` (every day): dayparting, as written; NULL: unset */
    struct onhours *hours_week; /* the same read (base/onhours); NULL: at all hours */
    struct show_rules rules;    /* this source's own include, exclude and max_age, over [editorial]'s */
};

/* Frees what a source owns (location, zone, hours) and zeroes it. */
void config_source_clear(struct source_config *source);

/* [schedule]: when the screen is on. The ranges as written ("08:00-18:00,
 * 20:00-02:00" or "off"), parsed and checked by ops/schedule; NULL: not set. */
enum { CONFIG_SCHEDULE_DAILY = 7 }; /* days[0..6]: mon..sun */
struct schedule_config {
    char *days[8];
};

/* [health]: metrics for node_exporter's textfile collector. */
struct health_config {
    char *textfile;           /* "" = none */
    char *thumbnail;          /* proof-of-render PNG; "" = beside textfile, NAME.png */
    int thumbnail_seconds;
};

/* [remote]: the INI file fetched from a URL and applied over this one. */
struct remote_config {
    char *config_url;         /* "" = none */
    int refresh_seconds;
    char *last_good;          /* where the last valid copy is kept; "" = the state folder's remote.ini */
    bool allow_http;          /* an http:// config_url is used (with a warning at every fetch); else refused */
    char *public_key;         /* minisign public key (base64): the file must come with URL.minisig; "" = unsigned */
    struct string_list paths; /* folders the fleet file's local paths must be inside; none: it sets no path */
};

/* [sync]: screens in step (live/sync/sync, docs/sync.md). No role: one kiosk on
 * its own, and nothing of the group runs. */
enum config_sync_role { CONFIG_SYNC_NONE, CONFIG_SYNC_LEADER, CONFIG_SYNC_FOLLOWER };
struct sync_config {
    int role;                 /* enum config_sync_role */
    char *key;                /* the group's shared key, 64 hex digits (32 bytes); "" = key_file */
    char *key_file;           /* a file holding it */
    char *leader_url;         /* follower: http://HOST:PORT of the leader */
    char *bind;               /* leader: ADDRESS:PORT to serve on */
    int columns, rows;        /* the wall: 1 x 1 is a group of single screens */
    int column, row;          /* this screen's place in it, from 0 */
    int bezel;                /* logical pixels between two screens' pictures */
    double poll_seconds;      /* follower: how often it asks */
    double fallback_seconds;  /* follower: leader gone this long, its own sources again */
    double lead_seconds;      /* leader: a change takes effect this long after it is published */
};

/* Kind rules: each list is matched case-insensitively on NFC text. */
struct kind_rules {
    struct string_list dialogue_keywords;   /* in titles: "đối thoại", "hội đàm", ... */
    struct string_list dialogue_exclusions; /* phrases whose keyword does not count: "họp báo" */
    struct string_list infographic_prefixes; /* "[Infographic]" */
    struct string_list video_prefixes;       /* "[Video]" */
    struct string_list infographic_paths;    /* in links: "/infographic" */
    struct string_list video_paths;          /* in links: "/video/", "://video." */
    struct string_list dialogue_categories;  /* feed <category> values */
    struct string_list infographic_categories;
    struct string_list video_categories;
};

/* [display] cec: HDMI-CEC power for the schedule (screen/display/screenpower). */
enum config_cec {
    CONFIG_CEC_AUTO, /* the kiosk's full screen only, not a preview or offscreen */
    CONFIG_CEC_ON,   /* whatever the display (tests, a preview beside a TV) */
    CONFIG_CEC_OFF
};

struct display_config {
    int width, height;        /* 0: the display's own mode (kiosk) */
    int rotate;               /* 0, 90, 180, 270 */
    bool window;              /* desktop preview */
    int window_width, window_height;
    double crawl_speed;       /* pixels per second */
    double featured_seconds;  /* how long each featured item stays */
    int max_texture_width;    /* 0: what the renderer reports */
    char *title;              /* exhibition title in the header */
    char *logo;               /* path of a PNG/BMP logo, "" for none */
    char *font;               /* main font file */
    char *bold_font;          /* headline font file */
    struct string_list fallback_fonts;
    bool qr_code;             /* a QR code to the featured item's link, in the panel's corner */
    bool pictures;            /* the featured item's picture beside (landscape) or above (portrait) its text */
    bool crawl_thumbnails;    /* a small picture before each crawl headline that has one (needs pictures) */
    int cec;                  /* enum config_cec */
    char *video_driver;       /* "" = SDL's choice */
    char *render_driver;
};

struct fetch_config {
    int refresh_seconds;
    int connect_timeout_seconds;
    int total_timeout_seconds;
    int low_speed_bytes;      /* abort below this many bytes/s ... */
    int low_speed_seconds;    /* ... for this long */
    long max_bytes;           /* response size cap */
    long picture_max_bytes;   /* size cap of one picture */
    int max_redirects;
    int max_transfers;        /* at most this many at once; the rest wait their turn */
    char *user_agent;
    char *ca_file;            /* "" = system store */
};

struct cache_config {
    char *path;               /* "" = /var/lib/ticker or the XDG cache dir */
    int max_age_days;
    int max_items;
    int pictures_max_mb;      /* the picture cache's size cap on disk */
};

struct config {
    char **origins;                    /* per row of settings_table: where the value came from; NULL: the default */
    char *config_path;                 /* file that was read, "" for none */
    char *hostname;                    /* sections named "NAME @HOST" apply only where HOST is this */
    struct source_config *sources;
    size_t source_count;
    struct kind_rules rules;
    struct display_config display;
    struct fetch_config fetch;
    struct cache_config cache;
    struct schedule_config schedule;
    struct health_config health;
    struct remote_config remote;
    struct sync_config sync;
    struct editorial_config editorial;
    char *assets_dir;
    char *fonts_dir;
    bool verbose;
};

/* Defaults only. Returns NULL on OOM. */
struct config *config_create(void);
void config_destroy(struct config *config);

/* Where a file comes from: the kiosk's own, or the fleet's (whose lines
 * may set only the settings the table lets a fleet file set). */
enum config_from { CONFIG_FROM_FILE, CONFIG_FROM_FLEET };
/* Told each problem of a file, "PATH:LINE: reason", in line order. */
typedef void config_problem_fn(void *context, const char *problem);

/* Reads an INI file over the current values, whole, then section by
 * section, so the order of keys and of sections means nothing: a [source
 * NAME] section's settings are that source's. A section "NAME @HOST" is
 * read as [NAME] on the kiosk whose hostname is HOST (over [NAME], wherever
 * it stands) and skipped on every other. An empty file (or /dev/null) sets
 * nothing. Errors: an unknown section or key (naming the closest known
 * one), a key set twice in a section (both lines), a value out of its
 * range, a source without a location. Each goes to each (may be NULL); the
 * first by line into err as "PATH:LINE: reason". False when there was any;
 * the config may then be half read. */
bool config_load(struct config *config, const char *path, enum config_from from, config_problem_fn *each,
                 void *context, char *err, size_t err_size);
/* config_load of the kiosk's own file, errors into err only. */
bool config_load_file(struct config *config, const char *path, char *err, size_t err_size);
/* [section] key = value from elsewhere (the command line), checked by the
 * table as the file's would be; origin says where ("command line
 * (--refresh)"). False with why ("[fetch] refresh: invalid value "1" (a
 * whole number from 10 to 604800)"). */
bool config_set(struct config *config, const char *section, const char *key, const char *value, const char *origin,
                char *why, size_t why_size);
struct setting;
/* Where the value of a row came from: "default", "PATH:LINE", "fleet file
 * PATH:LINE", "command line (--refresh)". source: for a [source] row. */
const char *config_origin(const struct config *config, const struct source_config *source,
                          const struct setting *row);

/* SOURCE arguments replace the configured sources. */
bool config_replace_sources(struct config *config, char *const *locations, size_t count);
bool config_add_source(struct config *config, const char *location, int refresh_seconds);
/* The configured source at location, or NULL. */
const struct source_config *config_find_source(const struct config *config, const char *location);

bool string_list_add(struct string_list *list, const char *value);
/* Adds each comma-separated, trimmed, non-empty part. */
bool string_list_add_csv(struct string_list *list, const char *csv);
void string_list_clear(struct string_list *list);
/* The same values in the same order. */
bool string_list_equal(const struct string_list *a, const struct string_list *b);
/* Two optional settings' texts alike, NULL as "" (an unset text is empty). */
bool config_text_equal(const char *a, const char *b);

/* The whole of text as a number within [min, max] (the INI file and the
 * command line read numbers the same way). */
bool config_parse_number(const char *text, double min, double max, double *out);

/* Path of a file in the assets or fonts directory; caller frees. */
char *config_asset_path(const struct config *config, const char *name);
char *config_font_path(const struct config *config, const char *name);

#endif
