/* Hand-written: glibc's strptime has no portable zone offsets and reads
 * "GMT+7" wrong, and curl_getdate neither knows ISO 8601 basic form nor
 * rejects garbage. Civil-to-days arithmetic avoids timegm and the TZ variable. */
#include "ingest/date.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

struct civil {
    int year, month, day, hour, minute, second;
    int offset_seconds; /* local time minus UTC */
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

static bool civil_to_unix(const struct civil *c, int64_t *out)
{
    if (c->year < 1900 || c->year > 9999 || c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > days_in_month(c->year, c->month) || c->hour < 0 || c->hour > 24 || c->minute < 0 ||
        c->minute > 59 || c->second < 0 || c->second > 60 || (c->hour == 24 && (c->minute || c->second)))
        return false;
    int second = c->second == 60 ? 59 : c->second; /* a leap second lands on :59 */
    *out = days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 + c->minute * 60 + second -
           c->offset_seconds;
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

/* Zone of an RFC 822 date: numeric, named, or a name followed by an offset ("GMT+7"). */
static bool read_rfc822_zone(const char **p, int *offset)
{
    const char *q = skip_spaces(*p);
    *offset = 0;
    if (!*q) /* no zone: RFC 2822 says -0000, "unknown local"; UTC is the best reading */
        return *p = q, true;
    if (read_numeric_offset(&q, offset))
        return *p = q, true;
    size_t len = 0;
    while (isalpha((unsigned char)q[len]))
        len++;
    for (size_t i = 0; i < sizeof named_zones / sizeof *named_zones; i++) {
        if (strlen(named_zones[i].name) != len || strncasecmp(q, named_zones[i].name, len))
            continue;
        q += len;
        *offset = named_zones[i].hours * 3600;
        int extra;
        if (read_numeric_offset(&q, &extra))
            *offset += extra;
        return *p = q, true;
    }
    return false;
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

static bool read_clock(const char **p, struct civil *c)
{
    if (!read_number(p, 1, 2, &c->hour) || **p != ':')
        return false;
    (*p)++;
    if (!read_number(p, 2, 2, &c->minute))
        return false;
    c->second = 0;
    if (**p == ':') {
        (*p)++;
        if (!read_number(p, 2, 2, &c->second))
            return false;
    }
    if (**p == '.' || **p == ',') /* fractions of a second */
        for ((*p)++; isdigit((unsigned char)**p);)
            (*p)++;
    return true;
}

/* [Wed,] 16 Jul 2025 09:30[:00] (+0700 | GMT+7 | GMT | ICT | ...) */
static bool parse_rfc822(const char *p, int64_t *out)
{
    struct civil c = {0};
    p = skip_spaces(p);
    while (isalpha((unsigned char)*p)) /* day name, if any */
        p++;
    if (*p == ',')
        p++;
    p = skip_spaces(p);
    if (!read_number(&p, 1, 2, &c.day))
        return false;
    p = skip_spaces(p);
    if (*p == '-' || *p == '/')
        p++;
    if (!read_month_name(&p, &c.month))
        return false;
    p = skip_spaces(p);
    if (*p == '-' || *p == '/')
        p++;
    const char *year_start = p;
    if (!read_number(&p, 2, 4, &c.year))
        return false;
    if (p - year_start == 2) /* RFC 2822 obsolete two-digit years */
        c.year += c.year < 50 ? 2000 : 1900;
    else if (p - year_start != 4)
        return false;
    p = skip_spaces(p);
    if (!read_clock(&p, &c))
        return false;
    if (!read_rfc822_zone(&p, &c.offset_seconds))
        return false;
    p = skip_spaces(p);
    if (*p == '(') /* "(ICT)" comments */
        p = strchr(p, ')') ? strchr(p, ')') + 1 : p;
    if (*skip_spaces(p))
        return false;
    return civil_to_unix(&c, out);
}

/* 2025-07-16T09:30:00+07:00, 2025-07-16 09:30:00Z, 2025-07-16, 20250716T093000Z */
static bool parse_iso8601(const char *p, int64_t *out)
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
            p++;
        else if (*p && !read_numeric_offset(&p, &c.offset_seconds)) {
            p = skip_spaces(p);
            if (!read_rfc822_zone(&p, &c.offset_seconds))
                return false;
        }
    }
    if (*skip_spaces(p))
        return false;
    return civil_to_unix(&c, out);
}

bool date_parse(const char *text, int64_t *out)
{
    if (!text)
        return false;
    const char *p = skip_spaces(text);
    if (!*p)
        return false;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]))
        return parse_iso8601(p, out);
    return parse_rfc822(p, out);
}
