/* settings: every setting of ticker.ini declared once, in one table
 * (settings_table.c) that the INI reader, the command line, the fleet
 * file's checks and change log, `ticker config show` and the generated
 * example, reference and man page all read. Adding a setting is one row.
 * Owns: the table, and reading, checking, writing and comparing one value.
 * Never: reads a file (base/config does) or acts on a setting.
 * Thread: the table is constant; the functions touch only what they are given. */
#ifndef TICKER_SETTINGS_H
#define TICKER_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

enum setting_type {
    SETTING_BOOL,     /* true/false (yes/no, on/off, 1/0), or the two words of choices: false, true */
    SETTING_INT,      /* int in [min, max]; with choices: one of them, as a number */
    SETTING_LONG,     /* long in [min, max] */
    SETTING_NUMBER,   /* double in [min, max] */
    SETTING_TEXT,     /* char * (owned) */
    SETTING_LIST,     /* struct string_list, comma-separated; the key may repeat, each line adds */
    SETTING_CHOICE,   /* int: the index of the word in choices ("" entries are not words) */
    SETTING_RANGES,   /* char * (owned, NULL unset): "off" or "HH:MM-HH:MM, ..." (base/onhours) */
    SETTING_ZONE,     /* char * (owned, NULL unset): an IANA zone name or "+07:00" (base/tzone) */
    SETTING_LOCATION  /* char * (owned): a URL, file or folder; never empty; quotes around it dropped */
};

/* Which section a row belongs to: a named one ([display]), or every
 * section of a kind ([source NAME]), whose fields are in struct source_config. */
#define SETTING_SOURCE_SECTION "source"

struct setting {
    const char *section;  /* "display"; SETTING_SOURCE_SECTION for [source NAME] */
    const char *key;
    enum setting_type type;
    const char *unit;     /* "seconds", "pixels", ...; NULL: none */
    double min, max;      /* numbers only */
    const char *fallback; /* the default as it would be written; NULL: unset (the doc says what that means) */
    const char *doc;      /* one line for people */
    const char *stage;    /* which stage reads it: "ingest", "live", "screen", "ops", "cli" */
    bool live;            /* a running kiosk takes a change without a restart */
    bool fleet;           /* a fleet file ([remote] config_url) may set it */
    size_t offset;        /* of the field in struct config, or struct source_config for [source NAME] */
    const char *const *choices; /* NULL-terminated; SETTING_CHOICE, SETTING_BOOL's two words, SETTING_INT's values */
    const char *alias;    /* other keys meaning the same, space-separated (location: "url path"); NULL: none */
};

extern const struct setting settings_table[];
extern const size_t settings_count;

/* The row of [section] key (section "source" or "source NAME" for a
 * source's), matching aliases too; NULL when there is none. */
const struct setting *settings_find(const char *section, const char *key);
/* Whether section ("display", "source NAME") is one the table knows. */
bool settings_section_known(const char *section);
/* The known key or section closest to the one written ("refersh" ->
 * "refresh"), or NULL when none is close. Section: as settings_find. */
const char *settings_closest_key(const char *section, const char *key);
const char *settings_closest_section(const char *section);
/* Whether a row is for every [source NAME] section. */
bool settings_is_source(const struct setting *s);
/* The row's index in settings_table. */
size_t settings_index(const struct setting *s);

/* Sets the row's field in base (struct config, or struct source_config for
 * a source row) from value as written. 1, 0 when the value is wrong (why
 * says what was wanted: "[display] rotate: invalid value "45" (0, 90, 180
 * or 270)"), -1 on OOM. A list is replaced when replace_list, else added to.
 * section names the section in why ("source demo"). */
int settings_set(const struct setting *s, void *base, const char *section, const char *value, bool replace_list,
                 char *why, size_t why_size);
/* The field as it would be written, into out: "" for an unset text. */
const char *settings_format(const struct setting *s, const void *base, char *out, size_t out_size);
/* Whether the row's field differs between two bases. */
bool settings_differ(const struct setting *s, const void *a, const void *b);
/* What a value must be, for errors and docs: "a whole number from 10 to 604800". */
const char *settings_wants(const struct setting *s, char *out, size_t out_size);
/* Frees what the row's field owns (text, list) in base and zeroes it. */
void settings_clear(const struct setting *s, void *base);

#endif
