/* The table of every setting (see settings.h). One row per setting: its
 * section, key, type, unit, range, default, what it does, which stage reads
 * it, whether a running kiosk takes it live and whether a fleet file may
 * set it. Adding a setting: a field in struct config (or source_config),
 * one row here; the reader, `config show`, the fleet file's change log,
 * the example ticker.ini, docs/configuration.md and ticker.ini(5) follow. */
#include "base/settings.h"

#include <stddef.h>

#include "base/config.h"

#define AT(field) offsetof(struct config, field)
#define SRC(field) offsetof(struct source_config, field)
/* {section, key, type, unit, min, max, default, doc, stage, live, fleet, field ...} */
#define ROW(sect, key, type, unit, lo, hi, def, doc, stage, live, fleet, field) \
    {sect, key, type, unit, lo, hi, def, doc, stage, live, fleet, field, NULL, NULL}
#define LIVE true
#define RESTART false
#define FLEET true
#define LOCAL false
#define DAY 86400.0

static const char *const rotations[] = {"0", "90", "180", "270", NULL};
static const char *const cec_modes[] = {"auto", "on", "off", NULL}; /* enum config_cec */
static const char *const source_types[] = {"feed", "alert", NULL};  /* false, true */
static const char *const sync_roles[] = {"none", "leader", "follower", NULL}; /* enum config_sync_role */
static const char *const stale_modes[] = {"say", "show", NULL}; /* enum config_stale */
/* enum item_severity */
static const char *const severities[] = {"", "unknown", "minor", "moderate", "severe", "extreme", NULL};

const struct setting settings_table[] = {
    /* [source NAME]: one per source */
    {SETTING_SOURCE_SECTION, "location", SETTING_LOCATION, NULL, 0, 0, NULL,
     "an http(s) URL of an RSS 2.0, RSS 1.0 or Atom feed or of an article page, a file, or a folder (every file in it)",
     "live", LIVE, FLEET, SRC(location), NULL, "url path"},
    ROW(SETTING_SOURCE_SECTION, "refresh", SETTING_INT, "seconds", 10, 7 * DAY, NULL,
        "between fetches of this source; unset: [fetch] refresh", "live", LIVE, FLEET, SRC(refresh_seconds)),
    ROW(SETTING_SOURCE_SECTION, "timezone", SETTING_ZONE, NULL, 0, 0, NULL,
        "the zone of dates the source gives without one (IANA name or +07:00); unset: the kiosk's", "ingest", LIVE,
        FLEET, SRC(zone_name)),
    {SETTING_SOURCE_SECTION, "type", SETTING_BOOL, NULL, 0, 0, "feed",
     "alert: a text file (title line, then the body) or a CAP 1.2 document or feed that takes over the screen",
     "ingest", LIVE, FLEET, SRC(alert), source_types, NULL},
    {SETTING_SOURCE_SECTION, "severity", SETTING_CHOICE, NULL, 0, 0, "severe",
     "of a text alert: extreme and severe fill the screen in red, moderate and minor are an amber band", "ingest",
     LIVE, FLEET, SRC(alert_severity), severities, NULL},
    ROW(SETTING_SOURCE_SECTION, "expire_after", SETTING_INT, "seconds", 0, 366 * DAY, "0",
        "an alert without its own expiry is shown this long after the file changed (CAP: after <sent>); "
        "0: until removed",
        "ingest", LIVE, FLEET, SRC(expire_after_seconds)),
    ROW(SETTING_SOURCE_SECTION, "include", SETTING_LIST, NULL, 0, 0, NULL,
        "this source's items only with one of these words or phrases, over [editorial] include", "ingest", LIVE, FLEET,
        SRC(rules.include)),
    ROW(SETTING_SOURCE_SECTION, "exclude", SETTING_LIST, NULL, 0, 0, NULL,
        "this source's items never with one of these words or phrases, with [editorial] exclude", "ingest", LIVE,
        FLEET, SRC(rules.exclude)),
    ROW(SETTING_SOURCE_SECTION, "max_age", SETTING_INT, "seconds", 0, 3650 * DAY, NULL,
        "this source's items older than this are not shown; unset or 0: [editorial] max_age", "ingest", LIVE, FLEET,
        SRC(rules.max_age_seconds)),
    ROW(SETTING_SOURCE_SECTION, "cap_scope", SETTING_LIST, NULL, 0, 0, "public",
        "the CAP <scope>s an alert source shows: public, restricted, private; Restricted and Private messages are "
        "for their addressees (a staff screen), not a public one", "ingest", LIVE, FLEET, SRC(cap_scope)),
    ROW(SETTING_SOURCE_SECTION, "hours", SETTING_RANGES, NULL, 0, 0, NULL,
        "dayparting: fetched and shown only then, as [schedule]'s ranges; unset: at all hours", "live", LIVE, FLEET,
        SRC(hours[7])),
    ROW(SETTING_SOURCE_SECTION, "hours_mon", SETTING_RANGES, NULL, 0, 0, NULL, "Monday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[0])),
    ROW(SETTING_SOURCE_SECTION, "hours_tue", SETTING_RANGES, NULL, 0, 0, NULL, "Tuesday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[1])),
    ROW(SETTING_SOURCE_SECTION, "hours_wed", SETTING_RANGES, NULL, 0, 0, NULL, "Wednesday's hours, over hours",
        "live", LIVE, FLEET, SRC(hours[2])),
    ROW(SETTING_SOURCE_SECTION, "hours_thu", SETTING_RANGES, NULL, 0, 0, NULL, "Thursday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[3])),
    ROW(SETTING_SOURCE_SECTION, "hours_fri", SETTING_RANGES, NULL, 0, 0, NULL, "Friday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[4])),
    ROW(SETTING_SOURCE_SECTION, "hours_sat", SETTING_RANGES, NULL, 0, 0, NULL, "Saturday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[5])),
    ROW(SETTING_SOURCE_SECTION, "hours_sun", SETTING_RANGES, NULL, 0, 0, NULL, "Sunday's hours, over hours", "live",
        LIVE, FLEET, SRC(hours[6])),

    /* [display] */
    ROW("display", "width", SETTING_INT, "pixels", 0, 16384, "0", "the scene's width; 0: the screen's own mode",
        "screen", RESTART, FLEET, AT(display.width)),
    ROW("display", "height", SETTING_INT, "pixels", 0, 16384, "0", "the scene's height; 0: the screen's own mode",
        "screen", RESTART, FLEET, AT(display.height)),
    {"display", "rotate", SETTING_INT, "degrees", 0, 270, "0", "portrait screens: 90 or 270", "screen", RESTART, FLEET,
     AT(display.rotate), rotations, NULL},
    ROW("display", "crawl_speed", SETTING_NUMBER, "pixels per second", 10, 2000, "120",
        "snapped to whole pixels per refresh", "screen", LIVE, FLEET, AT(display.crawl_speed)),
    ROW("display", "featured_seconds", SETTING_NUMBER, "seconds", 1, 600, "8", "how long each featured headline stays",
        "screen", LIVE, FLEET, AT(display.featured_seconds)),
    ROW("display", "max_texture_width", SETTING_INT, "pixels", 0, 65536, "0",
        "texts are cut into tiles this wide; 0: the GPU's limit (2048 on Pi 0-3, 4096 on Pi 4/5)", "screen", RESTART,
        FLEET, AT(display.max_texture_width)),
    ROW("display", "title", SETTING_TEXT, NULL, 0, 0, "Triển lãm Quốc phòng quốc tế Việt Nam",
        "the exhibition's title in the header", "screen", LIVE, FLEET, AT(display.title)),
    ROW("display", "logo", SETTING_TEXT, NULL, 0, 0, "logo.png",
        "a PNG or BMP in the assets folder, or an absolute path; empty: none", "screen", RESTART, FLEET,
        AT(display.logo)),
    ROW("display", "font", SETTING_TEXT, NULL, 0, 0, "NotoSans-Regular.ttf", "the main font, in the fonts folder",
        "screen", RESTART, FLEET, AT(display.font)),
    ROW("display", "bold_font", SETTING_TEXT, NULL, 0, 0, "NotoSans-Bold.ttf", "the headlines' font", "screen",
        RESTART, FLEET, AT(display.bold_font)),
    ROW("display", "fallback_fonts", SETTING_LIST, NULL, 0, 0, "NotoSansSymbols2-Regular.ttf, DejaVuSans.ttf",
        "fonts for characters the main ones lack, in order", "screen", RESTART, FLEET, AT(display.fallback_fonts)),
    ROW("display", "qr_code", SETTING_BOOL, NULL, 0, 0, "true",
        "a QR code to the featured item's link (\"Quét để đọc tiếp\")", "screen", LIVE, FLEET, AT(display.qr_code)),
    ROW("display", "pictures", SETTING_BOOL, NULL, 0, 0, "true",
        "the featured item's photo or infographic beside (landscape) or above (portrait) its text", "screen", RESTART,
        FLEET, AT(display.pictures)),
    ROW("display", "crawl_thumbnails", SETTING_BOOL, NULL, 0, 0, "false",
        "a small picture before each crawl headline that has one (with pictures on)", "screen", LIVE, FLEET,
        AT(display.crawl_thumbnails)),
    ROW("display", "video_driver", SETTING_TEXT, NULL, 0, 0, "",
        "SDL's video driver; empty: KMSDRM on a console, X11/Wayland on a desktop", "screen", RESTART, FLEET,
        AT(display.video_driver)),
    ROW("display", "render_driver", SETTING_TEXT, NULL, 0, 0, "", "SDL's render driver; empty: opengles2 on KMSDRM",
        "screen", RESTART, FLEET, AT(display.render_driver)),
    {"display", "cec", SETTING_CHOICE, NULL, 0, 0, "auto",
     "HDMI-CEC standby by the schedule: auto (the kiosk's full screen), on (also a preview or headless), off",
     "screen", RESTART, FLEET, AT(display.cec), cec_modes, NULL},

    /* [fetch] */
    ROW("fetch", "refresh", SETTING_INT, "seconds", 1, 7 * DAY, "300",
        "between fetches of a source (under 10: tests and soak runs); a feed's <ttl> may lengthen it", "live", LIVE,
        FLEET, AT(fetch.refresh_seconds)),
    ROW("fetch", "connect_timeout", SETTING_INT, "seconds", 1, 600, "15", "to connect to a server", "live", RESTART,
        FLEET, AT(fetch.connect_timeout_seconds)),
    ROW("fetch", "timeout", SETTING_INT, "seconds", 1, 3600, "60", "for a whole transfer", "live", RESTART, FLEET,
        AT(fetch.total_timeout_seconds)),
    ROW("fetch", "low_speed_bytes", SETTING_INT, "bytes per second", 0, 1 << 30, "100",
        "a transfer slower than this ...", "live", RESTART, FLEET, AT(fetch.low_speed_bytes)),
    ROW("fetch", "low_speed_seconds", SETTING_INT, "seconds", 1, 3600, "20", "... for this long is aborted", "live",
        RESTART, FLEET, AT(fetch.low_speed_seconds)),
    ROW("fetch", "max_bytes", SETTING_LONG, "bytes", 1024, 2147483648.0, "20971520",
        "size cap of a response or a source file", "live", RESTART, FLEET, AT(fetch.max_bytes)),
    ROW("fetch", "picture_max_bytes", SETTING_LONG, "bytes", 1024, 1073741824.0, "10485760",
        "size cap of one picture", "live", RESTART, FLEET, AT(fetch.picture_max_bytes)),
    ROW("fetch", "max_redirects", SETTING_INT, NULL, 0, 50, "5", "redirects followed for one request", "live",
        RESTART, FLEET, AT(fetch.max_redirects)),
    ROW("fetch", "max_transfers", SETTING_INT, NULL, 1, 4096, "32",
        "transfers at once; more wait their turn (fewer when file descriptors are short)", "live", RESTART, FLEET,
        AT(fetch.max_transfers)),
    ROW("fetch", "user_agent", SETTING_TEXT, NULL, 0, 0,
        "ticker/" TICKER_VERSION " (exhibition news kiosk; +https://example.invalid/ticker)",
        "the User-Agent header", "live", RESTART, FLEET, AT(fetch.user_agent)),
    ROW("fetch", "ca_file", SETTING_TEXT, NULL, 0, 0, "", "an extra CA bundle; TLS is always verified", "live",
        RESTART, FLEET, AT(fetch.ca_file)),

    /* [cache] */
    ROW("cache", "path", SETTING_TEXT, NULL, 0, 0, "",
        "the database; empty: /var/lib/ticker/cache.db, or $XDG_CACHE_HOME/ticker/cache.db on a desktop", "live",
        RESTART, LOCAL, AT(cache.path)),
    ROW("cache", "max_age_days", SETTING_INT, "days", 1, 3650, "14", "items older than this are dropped", "live",
        LIVE, FLEET, AT(cache.max_age_days)),
    ROW("cache", "max_items", SETTING_INT, NULL, 10, 1000000, "2000", "items kept, the newest", "live", LIVE, FLEET,
        AT(cache.max_items)),
    ROW("cache", "pictures_max_mb", SETTING_INT, "MiB", 1, 1 << 20, "200",
        "pictures kept on disk (pictures/ beside the database), least recently shown evicted first", "live", RESTART,
        FLEET, AT(cache.pictures_max_mb)),

    /* [editorial]: what the screens may show (docs/editorial.md) */
    ROW("editorial", "include", SETTING_LIST, NULL, 0, 0, NULL,
        "only items with one of these words or phrases (whole words, any case) in title, summary or captions; "
        "empty: every item", "ingest", LIVE, FLEET, AT(editorial.rules.include)),
    ROW("editorial", "exclude", SETTING_LIST, NULL, 0, 0, NULL,
        "never an item with one of these words or phrases (whole words, any case) in title, summary or captions",
        "ingest", LIVE, FLEET, AT(editorial.rules.exclude)),
    ROW("editorial", "max_age", SETTING_INT, "seconds", 0, 3650 * DAY, "0",
        "items older than this are not shown (an undated one counts from when it was first seen); 0: no limit",
        "ingest", LIVE, FLEET, AT(editorial.rules.max_age_seconds)),
    {"editorial", "stale", SETTING_CHOICE, NULL, 0, 0, "say",
     "when max_age hides every headline: say the news is stale, or show it anyway", "live", LIVE, FLEET,
     AT(editorial.stale), stale_modes, NULL},
    ROW("editorial", "hide", SETTING_LIST, NULL, 0, 0, NULL,
        "ids or links of items never shown (as `ticker hide` does on one kiosk)", "ingest", LIVE, FLEET,
        AT(editorial.hide)),
    ROW("editorial", "pin", SETTING_TEXT, NULL, 0, 0, "",
        "an operator's message shown in the crawl with priority between pin_start and pin_end; \"\": none", "live",
        LIVE, FLEET, AT(editorial.pin)),
    ROW("editorial", "pin_start", SETTING_TEXT, NULL, 0, 0, "",
        "when the pin begins: YYYY-MM-DD HH:MM in the kiosk's time, or RFC 3339; \"\": at once", "live", LIVE, FLEET,
        AT(editorial.pin_start)),
    ROW("editorial", "pin_end", SETTING_TEXT, NULL, 0, 0, "", "when the pin ends, as pin_start; \"\": never", "live",
        LIVE, FLEET, AT(editorial.pin_end)),
    ROW("editorial", "pin_featured", SETTING_BOOL, NULL, 0, 0, "false",
        "the pin takes the featured panel too, as often as the crawl shows it", "screen", LIVE, FLEET,
        AT(editorial.pin_featured)),
    ROW("editorial", "pin_every", SETTING_INT, "headlines", 1, 100, "3",
        "a current pin comes again after this many headlines (crawl and featured panel)", "screen", RESTART, FLEET,
        AT(editorial.pin_every)),
    ROW("editorial", "played_keep_days", SETTING_INT, "days", 1, 3650, "30",
        "the proof of play (`ticker played`) is kept this long", "live", RESTART, FLEET,
        AT(editorial.played_keep_days)),

    /* [kinds]: how items are sorted into dialogue, infographic, video and news */
    ROW("kinds", "dialogue_keywords", SETTING_LIST, NULL, 0, 0,
        "đối thoại, hội đàm, tham vấn, họp, hội nghị, hội kiến, tiếp kiến, hội thảo, tọa đàm, thảo luận, đàm phán, "
        "gặp gỡ, thăm chính thức, làm việc với, dialogue, talks, meeting, consultation",
        "in titles, case-insensitive", "ingest", LIVE, FLEET, AT(rules.dialogue_keywords)),
    ROW("kinds", "dialogue_exclusions", SETTING_LIST, NULL, 0, 0, "họp báo",
        "phrases inside which a dialogue keyword does not count", "ingest", LIVE, FLEET,
        AT(rules.dialogue_exclusions)),
    ROW("kinds", "infographic_prefixes", SETTING_LIST, NULL, 0, 0, "[Infographic], [Infographics], [Đồ họa]",
        "title prefixes of infographics", "ingest", LIVE, FLEET, AT(rules.infographic_prefixes)),
    ROW("kinds", "video_prefixes", SETTING_LIST, NULL, 0, 0, "[Video], [Clip]", "title prefixes of videos", "ingest",
        LIVE, FLEET, AT(rules.video_prefixes)),
    ROW("kinds", "infographic_paths", SETTING_LIST, NULL, 0, 0, "/infographic, /infographics/, /do-hoa/",
        "in links: infographics", "ingest", LIVE, FLEET, AT(rules.infographic_paths)),
    ROW("kinds", "video_paths", SETTING_LIST, NULL, 0, 0, "/video/, /videos/, ://video., /clip/",
        "in links: videos", "ingest", LIVE, FLEET, AT(rules.video_paths)),
    ROW("kinds", "dialogue_categories", SETTING_LIST, NULL, 0, 0, "Đối thoại, Đối ngoại, Ngoại giao, Hội đàm",
        "a feed's <category> values of dialogue", "ingest", LIVE, FLEET, AT(rules.dialogue_categories)),
    ROW("kinds", "infographic_categories", SETTING_LIST, NULL, 0, 0, "Infographic, Infographics, Đồ họa",
        "a feed's <category> values of infographics", "ingest", LIVE, FLEET, AT(rules.infographic_categories)),
    ROW("kinds", "video_categories", SETTING_LIST, NULL, 0, 0, "Video, Clip", "a feed's <category> values of videos",
        "ingest", LIVE, FLEET, AT(rules.video_categories)),

    /* [schedule]: when the screen is on; no key: always */
    ROW("schedule", "daily", SETTING_RANGES, NULL, 0, 0, NULL,
        "every day's ranges (\"08:00-18:00, 20:00-02:00\" or off); a day with neither its key nor daily is off",
        "ops", LIVE, FLEET, AT(schedule.days[CONFIG_SCHEDULE_DAILY])),
    ROW("schedule", "mon", SETTING_RANGES, NULL, 0, 0, NULL, "Monday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[0])),
    ROW("schedule", "tue", SETTING_RANGES, NULL, 0, 0, NULL, "Tuesday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[1])),
    ROW("schedule", "wed", SETTING_RANGES, NULL, 0, 0, NULL, "Wednesday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[2])),
    ROW("schedule", "thu", SETTING_RANGES, NULL, 0, 0, NULL, "Thursday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[3])),
    ROW("schedule", "fri", SETTING_RANGES, NULL, 0, 0, NULL, "Friday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[4])),
    ROW("schedule", "sat", SETTING_RANGES, NULL, 0, 0, NULL, "Saturday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[5])),
    ROW("schedule", "sun", SETTING_RANGES, NULL, 0, 0, NULL, "Sunday, over daily", "ops", LIVE, FLEET,
        AT(schedule.days[6])),

    /* [health]: metrics for node_exporter's textfile collector */
    ROW("health", "textfile", SETTING_TEXT, NULL, 0, 0, "",
        "the metrics file, rewritten every 15 s (e.g. /var/lib/prometheus/node-exporter/ticker.prom); empty: none",
        "ops", RESTART, FLEET, AT(health.textfile)),
    ROW("health", "thumbnail", SETTING_TEXT, NULL, 0, 0, "",
        "a proof-of-render PNG; empty: the textfile's name with .png", "ops", RESTART, FLEET, AT(health.thumbnail)),
    ROW("health", "thumbnail_seconds", SETTING_INT, "seconds", 0, DAY, "60", "between thumbnails; 0: none", "ops",
        RESTART, FLEET, AT(health.thumbnail_seconds)),

    /* [remote]: the fleet file; never set by one */
    ROW("remote", "config_url", SETTING_TEXT, NULL, 0, 0, "",
        "an http(s) URL of an INI file applied over this one; empty: none", "ops", RESTART, LOCAL,
        AT(remote.config_url)),
    ROW("remote", "refresh", SETTING_INT, "seconds", 10, 7 * DAY, "300", "between conditional GETs of it", "ops",
        RESTART, LOCAL, AT(remote.refresh_seconds)),
    ROW("remote", "last_good", SETTING_TEXT, NULL, 0, 0, "",
        "where the kept copy is; empty: remote.ini in the state folder ($STATE_DIRECTORY, /var/lib/ticker, "
        "$XDG_STATE_HOME/ticker), wherever the cache is", "ops", RESTART, LOCAL, AT(remote.last_good)),
    ROW("remote", "allow_http", SETTING_BOOL, NULL, 0, 0, "false",
        "fetch an http:// config_url (a warning at every fetch: anyone on the way can change it); else only https",
        "ops", RESTART, LOCAL, AT(remote.allow_http)),
    ROW("remote", "public_key", SETTING_TEXT, NULL, 0, 0, "",
        "a minisign public key (the base64 line of its .pub file): the file is applied only with a good signature "
        "at config_url.minisig; empty: unsigned", "ops", RESTART, LOCAL, AT(remote.public_key)),
    ROW("remote", "paths", SETTING_LIST, NULL, 0, 0, "",
        "folders the fleet file's local paths (fonts, logo, cache, health files, sources that are files) must be "
        "inside; empty: it sets none", "ops", RESTART, LOCAL, AT(remote.paths)),

    /* [sync]: screens in step (live/sync/sync, docs/sync.md); a fleet file may not
     * make a kiosk lead or follow, nor give it a key */
    {"sync", "role", SETTING_CHOICE, NULL, 0, 0, "none",
     "leader (serves the group's program), follower (shows the leader's), or none (a kiosk on its own)", "live",
     RESTART, LOCAL, AT(sync.role), sync_roles, NULL},
    ROW("sync", "key", SETTING_TEXT, NULL, 0, 0, "",
        "the group's shared key, 64 hex digits (openssl rand -hex 32); empty: key_file", "live", RESTART, LOCAL,
        AT(sync.key)),
    ROW("sync", "key_file", SETTING_TEXT, NULL, 0, 0, "", "a file holding the group's key", "live", RESTART, LOCAL,
        AT(sync.key_file)),
    ROW("sync", "leader", SETTING_TEXT, NULL, 0, 0, "", "follower: the leader's http://ADDRESS:PORT", "live",
        RESTART, LOCAL, AT(sync.leader_url)),
    ROW("sync", "bind", SETTING_TEXT, NULL, 0, 0, "", "leader: the ADDRESS:PORT it serves its followers on", "live",
        RESTART, LOCAL, AT(sync.bind)),
    ROW("sync", "columns", SETTING_INT, "screens", 1, 16, "1", "screens side by side in the wall", "screen",
        RESTART, LOCAL, AT(sync.columns)),
    ROW("sync", "rows", SETTING_INT, "screens", 1, 16, "1", "rows of screens in the wall", "screen", RESTART, LOCAL,
        AT(sync.rows)),
    ROW("sync", "column", SETTING_INT, NULL, 0, 15, "0", "this screen's column in the wall, from 0 at the left",
        "screen", RESTART, LOCAL, AT(sync.column)),
    ROW("sync", "row", SETTING_INT, NULL, 0, 15, "0", "this screen's row in the wall, from 0 at the top", "screen",
        RESTART, LOCAL, AT(sync.row)),
    ROW("sync", "bezel", SETTING_INT, "pixels", 0, 2000, "0", "between two screens' pictures, as pixels of picture",
        "screen", RESTART, LOCAL, AT(sync.bezel)),
    ROW("sync", "poll_seconds", SETTING_NUMBER, "seconds", 0.1, 60, "1", "follower: how often it asks the leader",
        "live", RESTART, LOCAL, AT(sync.poll_seconds)),
    ROW("sync", "fallback_seconds", SETTING_NUMBER, "seconds", 1, DAY, "30",
        "follower: the leader gone this long, its own sources again", "live", RESTART, LOCAL,
        AT(sync.fallback_seconds)),
    ROW("sync", "lead_seconds", SETTING_NUMBER, "seconds", 0.5, 60, "3",
        "leader: a change takes effect this long after it is published", "live", RESTART, LOCAL,
        AT(sync.lead_seconds)),

    /* [ticker] */
    ROW("ticker", "verbose", SETTING_BOOL, NULL, 0, 0, "false", "debug logging", "cli", RESTART, FLEET,
        AT(verbose)),
    ROW("ticker", "assets_dir", SETTING_TEXT, NULL, 0, 0, NULL,
        "the logo and demo content; unset: $TICKER_ASSETS_DIR, else /usr/share/ticker/assets", "cli", RESTART, LOCAL,
        AT(assets_dir)),
    ROW("ticker", "fonts_dir", SETTING_TEXT, NULL, 0, 0, NULL,
        "the fonts; unset: $TICKER_FONTS_DIR, else /usr/share/ticker/fonts", "cli", RESTART, LOCAL, AT(fonts_dir)),
};

const size_t settings_count = sizeof settings_table / sizeof *settings_table;
