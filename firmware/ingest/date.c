/* Hand-written: glibc's strptime has no portable zone offsets and reads
 * "GMT+7" wrong, and curl_getdate neither knows ISO 8601 basic form nor
 * rejects garbage. Civil-to-days arithmetic avoids timegm and the TZ variable. */
#include "ingest/date.h"

#include "base/log.h"
#include "base/tzone.h"
#include "ingest/date_words.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct civil {
    int year, month, day, hour, minute, second;
    int offset_seconds; /* local time minus UTC */
    bool zoned;         /* the text named its zone (else it is local to the source) */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static bool civil_to_unix(const struct civil *c, const struct tzone *zone, int64_t *out)
{
    if (c->year < 1900 || c->year > 9999 || c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > days_in_month(c->year, c->month) || c->hour < 0 || c->hour > 24 || c->minute < 0 ||
        c->minute > 59 || c->second < 0 || c->second > 60 || (c->hour == 24 && (c->minute || c->second)))
        return false;
    int second = c->second == 60 ? 59 : c->second; /* a leap second lands on :59 */
    int64_t local = days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 + c->minute * 60 + second;
    *out = c->zoned ? local - c->offset_seconds : tzone_utc_of_local(zone, local);
    return true;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* Reads min_digits..max_digits decimal digits. */
static bool read_number(const char **p, int min_digits, int max_digits, int *out)
{
    int value = 0, n = 0;
    while (n < max_digits && isdigit((unsigned char)(*p)[n])) {
        value = value * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min_digits)
        return false;
    *p += n;
    *out = value;
    return true;
}

/* "+07:00", "+0700", "+07", "+7" (GMT+7); returns false if no sign here. */
static bool read_numeric_offset(const char **p, int *offset)
{
    char sign = **p;
    if (sign != '+' && sign != '-')
        return false;
    const char *q = *p + 1;
    int hours, minutes = 0;
    const char *start = q;
    if (!read_number(&q, 1, 4, &hours))
        return false;
    size_t n = (size_t)(q - start);
    if (n == 4 || n == 3) { /* "0700", "700" */
        minutes = hours % 100;
        hours /= 100;
    } else if (*q == ':') {
        q++;
        if (!read_number(&q, 2, 2, &minutes))
            return false;
    }
    if (hours > 14 || minutes > 59)
        return false;
    *offset = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    *p = q;
    return true;
}

static const struct {
    const char *name;
    int hours;
} named_zones[] = {{"GMT", 0},  {"UTC", 0},  {"UT", 0},   {"Z", 0},    {"EST", -5}, {"EDT", -4}, {"CST", -6},
                   {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {"ICT", 7},  {"WIB", 7},
                   {"SGT", 8},  {"HKT", 8},  {"JST", 9},  {"KST", 9},  {"CET", 1},  {"CEST", 2}, {"BST", 1}};

/* The len bytes at p are word, ignoring case. The first letter first: each
 * word of a date is tried against every zone name and filler word. */
static inline bool word_is(const char *p, size_t len, const char *word)
{
    return tolower((unsigned char)*p) == tolower((unsigned char)*word) && strlen(word) == len &&
           !strncasecmp(p, word, len);
}

/* A named zone, optionally followed by an offset ("GMT+7"); false if none here. */
static bool read_named_zone(const char **p, int *offset)
{
    const char *q = *p;
    size_t len = 0;
    while (isalpha((unsigned char)q[len]))
        len++;
    for (size_t i = 0; len && i < sizeof named_zones / sizeof *named_zones; i++) {
        if (!word_is(q, len, named_zones[i].name))
            continue;
        q += len;
        *offset = named_zones[i].hours * 3600;
        int extra;
        if (read_numeric_offset(&q, &extra))
            *offset += extra;
        *p = q;
        return true;
    }
    return false;
}

/* A zone, numeric or named, possibly in parentheses: "(GMT+07:00)". */
static bool read_zone(const char **p, int *offset)
{
    const char *q = *p;
    bool paren = *q == '(';
    q += paren;
    if (!read_numeric_offset(&q, offset) && !read_named_zone(&q, offset))
        return false;
    if (paren && *q++ != ')')
        return false;
    *p = q;
    return true;
}

static bool read_month_name(const char **p, int *month)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int m = 0; m < 12; m++) {
        if (strncasecmp(*p, months[m], 3))
            continue;
        *p += 3;
        while (isalpha((unsigned char)**p)) /* "July", "Sept" */
            (*p)++;
        if (**p == '.')
            (*p)++;
        *month = m + 1;
        return true;
    }
    return false;
}

/* "10:00", "10:00:00.5"; c and p untouched when there is no clock here: the
 * "20" of a year "2018" is no hour (it made "24 Sep 2018" 20:00). */
static bool read_clock(const char **p, struct civil *c)
{
    const char *q = *p;
    int hour, minute = 0, second = 0;
    if (!read_number(&q, 1, 2, &hour))
        return false;
    if (*q == 'h' || *q == 'H') { /* "10h00", "10h": Vietnamese and French pages write the clock so */
        q++;
        if (isdigit((unsigned char)*q) && !read_number(&q, 2, 2, &minute))
            return false;
        if (isalpha((unsigned char)*q) || hour > 23 || minute > 59)
            return false; /* "10hours", or no clock at all */
        c->hour = hour, c->minute = minute, c->second = 0;
        *p = q;
        return true;
    }
    if (*q != ':')
        return false;
    q++;
    if (!read_number(&q, 2, 2, &minute))
        return false;
    if (*q == ':') {
        q++;
        if (!read_number(&q, 2, 2, &second))
            return false;
    }
    if (*q == '.' || *q == ',') /* fractions of a second */
        for (q++; isdigit((unsigned char)*q);)
            q++;
    c->hour = hour, c->minute = minute, c->second = second;
    *p = q;
    return true;
}



/* Day names and filler words met around dates: English, and Vietnamese
 * ("Thứ năm, ngày 28/05/2026 lúc 17:00"; UTF-8 words compared as bytes). */
static bool is_filler_word(const char *p, size_t len)
{
    static const char *const words[] = {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur",
        "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", "at", "on", "the", "of",
        "th\xe1\xbb\xa9", "Th\xe1\xbb\xa9", "TH\xe1\xbb\xa8", "ch\xe1\xbb\xa7", "Ch\xe1\xbb\xa7",
        "nh\xe1\xba\xadt", "hai", "ba", "t\xc6\xb0", "n\xc4\x83m", "s\xc3\xa1u", "b\xe1\xba\xa3y",
        "ng\xc3\xa0y", "Ng\xc3\xa0y", "l\xc3\xba" "c", "L\xc3\xba" "c", "st", "nd", "rd", "th", NULL};
    for (const char *const *w = words; *w; w++)
        if (word_is(p, len, *w))
            return true;
    return false;
}

/* "tháng" (month), written before the month's number in Vietnamese. */
static bool is_thang(const char *p, size_t len)
{
    return word_is(p, len, "th\xc3\xa1ng") || word_is(p, len, "Th\xc3\xa1ng") || word_is(p, len, "TH\xc3\x81NG");
}

struct loose {
    struct civil c;
    bool have_date, have_day, have_month, have_year, have_clock;
    bool month_may_be_day; /* the month came from "mar", also Tuesday in Spanish, French, Italian */
    int pm; /* 0 none, 1 am, 2 pm */
};

/* "28/05/2026", "05/28/2026", "2026/05/28", "28-05-2026", "28.05.2026":
 * day first as Vietnamese sites write it, unless only month-first fits. */
static bool read_numeric_date(const char **p, struct loose *l)
{
    const char *q = *p;
    int a, b, y;
    const char *start = q;
    if (!read_number(&q, 1, 4, &a))
        return false;
    size_t a_digits = (size_t)(q - start);
    char sep = *q;
    if ((sep != '/' && sep != '-' && sep != '.') || !isdigit((unsigned char)q[1]))
        return false;
    q++;
    if (!read_number(&q, 1, 2, &b) || *q != sep || !isdigit((unsigned char)q[1]))
        return false;
    q++;
    start = q;
    if (!read_number(&q, a_digits == 4 ? 1 : 2, a_digits == 4 ? 2 : 4, &y) || isdigit((unsigned char)*q))
        return false;
    if (a_digits == 4) { /* year first: Y/M/D */
        l->c.year = a, l->c.month = b, l->c.day = y;
    } else {
        if (q - start == 2)
            y += y < 50 ? 2000 : 1900;
        else if (q - start != 4)
            return false;
        bool month_first = a <= 12 && b > 12;
        l->c.year = y;
        l->c.day = month_first ? b : a;
        l->c.month = month_first ? a : b;
    }
    l->have_date = true;
    *p = q;
    return true;
}

/* A token that starts with a digit: a numeric date, a clock, a year, a
 * day, an obsolete two-digit year or a weekday's number. */
static bool read_number_token(const char **p, struct loose *l)
{
    const char *q = *p;
    if (!l->have_date && read_numeric_date(&q, l))
        return *p = q, true;
    const char *start = q;
    if (!l->have_clock && read_clock(&q, &l->c)) {
        l->have_clock = true;
        return *p = q, true;
    }
    q = start;
    int n;
    if (!read_number(&q, 1, 4, &n) || isdigit((unsigned char)*q))
        return false;
    size_t digits = (size_t)(q - start);
    if (digits == 4 && !l->have_year && !l->have_date) {
        l->c.year = n;
        l->have_year = true;
    } else if (digits <= 2 && !l->have_day && !l->have_date) {
        l->c.day = n;
        l->have_day = true;
        if (*q == '.' && !isdigit((unsigned char)q[1])) /* German "24. März 2018" */
            q++;
    } else if (digits == 2 && l->have_day && l->have_month && !l->have_year) {
        l->c.year = n + (n < 50 ? 2000 : 1900); /* RFC 2822 obsolete two-digit years */
        l->have_year = true;
    } else if (digits == 1 && *skip_spaces(q) == ',') {
        /* "Thứ 5," : a weekday number */
    } else
        return false;
    *p = q;
    return true;
}

/* A word: "tháng" and its number, a month or day name of any language
 * the tables hold, a filler word, or am/pm after a clock. */
static bool read_word_token(const char **p, struct loose *l)
{
    const char *q = *p;
    if ((*q == 'T' || *q == 't') && q[1] >= '2' && q[1] <= '7' && !isdigit((unsigned char)q[2]) &&
        *skip_spaces(q + 2) == ',') { /* Vietnamese "T2, 07/12/2026": Thứ Hai, a weekday by its number */
        *p = q + 2;
        return true;
    }
    size_t len = 0;
    while (q[len] && !strchr(" \t\r\n,()|", q[len]) && !isdigit((unsigned char)q[len]) &&
           !(q[len] == '-' && isdigit((unsigned char)q[len + 1]))) /* "16-Jul-2025"; "segunda-feira" is one word */
        len++;
    if (!len)
        return false;
    if (is_thang(q, len)) { /* "ngày 7 tháng 12 năm 2026": the month by its number */
        const char *r = skip_spaces(q + len);
        int n;
        if (l->have_date || l->have_month || !read_number(&r, 1, 2, &n) || n < 1 || n > 12 ||
            isdigit((unsigned char)*r))
            return false;
        l->c.month = n;
        l->have_month = true;
        *p = r;
        return true;
    }
    int month;
    const char *m = q;
    struct date_word word = {0}; /* another language's month or day name, or a word between the parts */
    bool english_filler = is_filler_word(q, len); /* RFC 822's "Wed": no other language's month */
    /* An English month ("Jul", every RFC 822 date's) wins over the tables':
     * they are asked only whether it is also a day ("mar"). */
    bool english_month = read_month_name(&m, &month) && m == q + len;
    if (!english_filler)
        date_word_lookup(q, len, !english_month, &word);
    if (english_month)
        word.month = month;
    if (word.month && !l->have_date && (!l->have_month || l->month_may_be_day)) {
        l->c.month = word.month; /* "mar, 24 sep 2018": the later month wins over a day's name */
        l->have_month = true;
        l->month_may_be_day = word.day;
    } else if (l->have_clock && (word_is(q, len, "am") || word_is(q, len, "a.m.") || word_is(q, len, "sa")))
        l->pm = 1;
    else if (l->have_clock && (word_is(q, len, "pm") || word_is(q, len, "p.m.") || word_is(q, len, "ch")))
        l->pm = 2;
    else if (!word.day && !word.filler && !english_filler)
        return false;
    *p = q + len;
    return true;
}

/* One token of a free-form date; false when it is not part of a date. */
static bool read_token(const char **p, struct loose *l)
{
    const char *q = *p;
    if (*q == ',' || *q == '|' || (*q == '-' && !isdigit((unsigned char)q[1]))) {
        *p = q + 1;
        return true;
    }
    if (!l->c.zoned && (*q == '+' || *q == '-' || *q == '(' || isalpha((unsigned char)*q)) &&
        (l->have_clock || *q != '(') && read_zone(&q, &l->c.offset_seconds)) {
        l->c.zoned = true;
        *p = q;
        return true;
    }
    if (*q == '-' || *q == '/') { /* "16-Jul-2025" */
        *p = q + 1;
        return true;
    }
    if (*q == '(') { /* a comment after the zone: "(Indochina Time)", "(ICT)" */
        const char *close = strchr(q, ')');
        if (!close || !l->c.zoned)
            return false;
        *p = close + 1;
        return true;
    }
    if (isdigit((unsigned char)*q))
        return read_number_token(p, l);
    return read_word_token(p, l);
}

/* RFC 822 and every other form with words, slashes or a clock. */
static bool parse_loose(const char *p, const struct tzone *zone, int64_t *out)
{
    struct loose l = {0};
    for (p = skip_spaces(p); *p; p = skip_spaces(p))
        if (!read_token(&p, &l))
            return false;
    if (!l.have_date) {
        if (!l.have_day || !l.have_month || !l.have_year)
            return false;
    }
    if (l.pm) {
        if (l.c.hour < 1 || l.c.hour > 12)
            return false;
        l.c.hour = l.c.hour % 12 + (l.pm == 2 ? 12 : 0);
    }
    return civil_to_unix(&l.c, zone, out);
}

/* 2025-07-16T09:30:00+07:00, 2025-07-16 09:30:00Z, 2025-07-16, 20250716T093000Z */
static bool parse_iso8601(const char *p, const struct tzone *zone, int64_t *out)
{
    struct civil c = {0};
    p = skip_spaces(p);
    if (!read_number(&p, 4, 4, &c.year))
        return false;
    bool basic = *p != '-';
    if (!basic)
        p++;
    if (!read_number(&p, 2, 2, &c.month) || (!basic && *p++ != '-') || !read_number(&p, 2, 2, &c.day))
        return false;
    if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        if (basic) {
            if (!read_number(&p, 2, 2, &c.hour) || !read_number(&p, 2, 2, &c.minute))
                return false;
            if (isdigit((unsigned char)*p) && !read_number(&p, 2, 2, &c.second))
                return false;
        } else if (!read_clock(&p, &c)) {
            return false;
        }
        if (*p == 'Z' || *p == 'z')
            p++, c.zoned = true;
        else if (*p && read_numeric_offset(&p, &c.offset_seconds))
            c.zoned = true;
        else if (*skip_spaces(p)) {
            p = skip_spaces(p);
            if (!read_zone(&p, &c.offset_seconds))
                return false;
            c.zoned = true;
        }
    } else {
        c.zoned = true; /* a date alone is a day: its UTC midnight, as RFC 3339 full-date */
    }
    if (*skip_spaces(p))
        return false;
    return civil_to_unix(&c, zone, out);
}

bool date_parse_in_zone(const char *text, const struct tzone *zone, int64_t *out)
{
    if (!text)
        return false;
    const char *p = skip_spaces(text);
    if (!*p)
        return false;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && parse_iso8601(p, zone, out))
        return true;
    return parse_loose(p, zone, out);
}

bool date_parse(const char *text, int64_t *out)
{
    return date_parse_in_zone(text, NULL, out);
}

bool date_has_zone(const char *text)
{
    /* Read in two zones half a day apart: only a date that names its own
     * zone reads the same in both. */
    char err[64];
    struct tzone *west = tzone_create("+00:00", NULL, err, sizeof err);
    struct tzone *east = tzone_create("+12:00", NULL, err, sizeof err);
    int64_t a = 0, b = 1;
    bool zoned = west && east && date_parse_in_zone(text, west, &a) && date_parse_in_zone(text, east, &b) && a == b;
    tzone_destroy(west);
    tzone_destroy(east);
    return zoned;
}

int64_t date_clamp_future(int64_t when, int64_t now)
{
    return when > now + 86400 ? now : when;
}

void date_unread_note(struct date_unread *unread, const char *text)
{
    if (!text || !*text)
        return;
    if (unread->count++ == 0) {
        size_t len = strlen(text);
        if (len >= sizeof unread->first) /* cut at a character's start */
            for (len = sizeof unread->first - 1; len && ((unsigned char)text[len] & 0xC0) == 0x80;)
                len--;
        memcpy(unread->first, text, len);
        unread->first[len] = '\0';
    }
}

void date_unread_warn(const struct date_unread *unread, const char *name)
{
    if (!unread->count)
        return;
    log_warn("%s: %zu date%s could not be read (the first: \"%s\"); %s counted from when first fetched", name,
             unread->count, unread->count == 1 ? "" : "s", unread->first,
             unread->count == 1 ? "its item is" : "their items are");
}
