#include "base/tzone.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"

enum { MAX_TRANSITIONS = 4096, MAX_TYPES = 256 };

struct tzone {
    size_t count;          /* transitions */
    int64_t *at;           /* UTC seconds of each transition */
    int32_t *offset_after; /* offset (seconds east of UTC) from each transition on */
    int32_t initial;       /* offset before the first transition (or the fixed one) */
};

/* "+07:00", "-0330", "UTC+7", "GMT-3", "Z", "UTC". */
static bool parse_offset(const char *name, int32_t *out)
{
    const char *p = name;
    if (!strncmp(p, "UTC", 3) || !strncmp(p, "GMT", 3))
        p += 3;
    if (!*p || !strcmp(name, "Z")) {
        *out = 0;
        return p != name || !strcmp(name, "Z");
    }
    int sign = *p == '+' ? 1 : *p == '-' ? -1 : 0;
    if (!sign)
        return false;
    p++;
    int hours = 0, minutes = 0, digits = 0;
    while (isdigit((unsigned char)*p) && digits < 4) {
        hours = hours * 10 + (*p++ - '0');
        digits++;
    }
    if (digits == 3 || digits == 4) {
        minutes = hours % 100;
        hours /= 100;
    } else if (*p == ':') {
        p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
            return false;
        minutes = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
    }
    if (!digits || *p || hours > 14 || minutes > 59)
        return false;
    *out = sign * (hours * 3600 + minutes * 60);
    return true;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* The data block of a TZif file (RFC 8536 section 3): v1 (4-byte times) or v2+ (8-byte). */
static bool read_block(struct tzone *zone, const unsigned char *data, size_t size, size_t time_size, size_t *used)
{
    if (size < 44 || memcmp(data, "TZif", 4))
        return false;
    uint32_t isut = be32(data + 20), isstd = be32(data + 24), leap = be32(data + 28), times = be32(data + 32),
             types = be32(data + 36), chars = be32(data + 40);
    if (times > MAX_TRANSITIONS || types == 0 || types > MAX_TYPES || leap > 1000 || chars > 1000 || isut > types ||
        isstd > types)
        return false;
    size_t need = 44 + times * time_size + times + types * 6 + chars + leap * (time_size + 4) + isstd + isut;
    if (size < need)
        return false;
    const unsigned char *t = data + 44, *idx = t + times * time_size, *info = idx + times;
    free(zone->at);
    free(zone->offset_after);
    zone->at = calloc(times ? times : 1, sizeof *zone->at);
    zone->offset_after = calloc(times ? times : 1, sizeof *zone->offset_after);
    if (!zone->at || !zone->offset_after)
        return false;
    for (uint32_t i = 0; i < times; i++) {
        if (idx[i] >= types)
            return false;
        zone->at[i] = time_size == 8 ? be64(t + i * 8) : (int32_t)be32(t + i * 4);
        zone->offset_after[i] = (int32_t)be32(info + idx[i] * 6);
    }
    zone->count = times;
    zone->initial = (int32_t)be32(info); /* type 0 holds before the first transition */
    *used = need;
    return true;
}

static bool parse_tzif(struct tzone *zone, const unsigned char *data, size_t size)
{
    size_t used = 0;
    bool ok = read_block(zone, data, size, 4, &used);
    if (ok && data[4] >= '2') /* v2+: a second header with 64-bit times follows */
        ok = read_block(zone, data + used, size - used, 8, &used);
    return ok;
}

struct tzone *tzone_from_tzif(const unsigned char *data, size_t size)
{
    struct tzone *zone = calloc(1, sizeof *zone);
    if (zone && !parse_tzif(zone, data, size)) {
        tzone_destroy(zone);
        zone = NULL;
    }
    return zone;
}

static bool read_tzif(struct tzone *zone, const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return false;
    static const size_t max_size = 1 << 20;
    unsigned char *data = malloc(max_size);
    size_t size = data ? fread(data, 1, max_size, file) : 0;
    fclose(file);
    bool ok = data && parse_tzif(zone, data, size);
    free(data);
    return ok;
}

struct tzone *tzone_create(const char *name, const char *zoneinfo_dir, char *err, size_t err_size)
{
    struct tzone *zone = calloc(1, sizeof *zone);
    if (!zone) {
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    if (parse_offset(name, &zone->initial))
        return zone;
    bool safe = *name && name[0] != '/' && !strstr(name, "..");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", zoneinfo_dir ? zoneinfo_dir : "/usr/share/zoneinfo", name);
    if (safe && read_tzif(zone, path))
        return zone;
    snprintf(err, err_size, "unknown time zone \"%s\" (an IANA name such as Asia/Ho_Chi_Minh, or +07:00)", name);
    tzone_destroy(zone);
    return NULL;
}

void tzone_destroy(struct tzone *zone)
{
    if (!zone)
        return;
    free(zone->at);
    free(zone->offset_after);
    free(zone);
}

/* The zone's offset at a UTC instant; after the last transition the last
 * offset holds (the TZif footer's rule for later years is not read). */
static int32_t offset_at(const struct tzone *zone, int64_t utc)
{
    size_t lo = 0, hi = zone->count;
    while (lo < hi) { /* the first transition after utc */
        size_t mid = lo + (hi - lo) / 2;
        if (zone->at[mid] <= utc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? zone->initial : zone->offset_after[lo - 1];
}

static int32_t local_offset_at(int64_t utc)
{
    time_t t = (time_t)utc;
    struct tm local;
    if (!localtime_r(&t, &local))
        return 0;
    return (int32_t)local.tm_gmtoff;
}

int64_t tzone_utc_of_local(const struct tzone *zone, int64_t local_seconds)
{
    int32_t first = zone ? offset_at(zone, local_seconds) : local_offset_at(local_seconds);
    int64_t guess = local_seconds - first;
    int32_t second = zone ? offset_at(zone, guess) : local_offset_at(guess);
    return local_seconds - second;
}
