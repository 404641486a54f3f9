#include "base/playreport.h"

#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

static void rfc3339(int64_t t, char out[32])
{
    time_t s = (time_t)t;
    struct tm utc;
    out[0] = '\0';
    if (gmtime_r(&s, &utc))
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

/* RFC 4180: a field with a comma, quote or line break is quoted, its
 * quotes doubled. */
static void csv_field(FILE *out, const char *text, bool last)
{
    if (strpbrk(text, ",\"\r\n")) {
        fputc('"', out);
        for (const char *p = text; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(text, out);
    }
    fputc(last ? '\n' : ',', out);
}

void playreport_csv_header(FILE *out)
{
    fputs("started,ended,kind,id,title,source\n", out);
}

void playreport_csv(FILE *out, const struct play_event *e)
{
    char started[32], ended[32];
    rfc3339(e->started, started);
    rfc3339(e->ended, ended);
    const char *fields[] = {started, ended, e->kind, e->id, e->title, e->source};
    for (size_t i = 0; i < 6; i++)
        csv_field(out, fields[i], i == 5);
}

void playreport_json(FILE *out, const struct play_event *e)
{
    char started[32], ended[32];
    rfc3339(e->started, started);
    rfc3339(e->ended, ended);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "started", json_object_new_string(started));
    json_object_object_add(o, "ended", json_object_new_string(ended));
    json_object_object_add(o, "seconds", json_object_new_int64(e->ended - e->started));
    json_object_object_add(o, "kind", json_object_new_string(e->kind));
    json_object_object_add(o, "id", json_object_new_string(e->id));
    json_object_object_add(o, "title", json_object_new_string(e->title));
    json_object_object_add(o, "source", json_object_new_string(e->source));
    fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    fputc('\n', out);
    json_object_put(o);
}
