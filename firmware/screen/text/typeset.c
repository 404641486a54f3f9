#include "screen/text/typeset.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/unicode.h"

#define MAX_CHAIN 8

struct chain {
    TTF_Font *fonts[MAX_CHAIN];
    size_t count;
};

struct typeset {
    struct chain *chains;
    size_t chain_count;
    uint32_t *missing; /* code points no font has, each reported once */
    size_t missing_count, missing_capacity;
};

struct run {
    size_t font;  /* index in the chain */
    char *text;   /* UTF-8 */
    size_t length;
    int top_overflow; /* pixels above the font's ascent that its glyphs reach */
};

struct runs {
    struct run *items;
    size_t count, capacity;
};

static TTF_Font *open_font(const char *path, int size_px, char *err, size_t err_size)
{
    TTF_Font *font = TTF_OpenFont(path, size_px);
    if (!font) {
        snprintf(err, err_size, "font %s: %s", path, TTF_GetError());
        return NULL;
    }
    /* HarfBuzz shapes by script; "Latn" is case-sensitive and SDL_ttf 2.20
     * leaves it unknown otherwise (no kerning in some fonts). */
    if (TTF_SetFontScriptName(font, "Latn") != 0)
        log_warn("font %s: cannot set the script to Latn: %s", path, TTF_GetError());
    return font;
}

static bool open_chain(struct chain *chain, const struct config *config, const struct typeset_style *style, char *err,
                       size_t err_size)
{
    char *path = config_font_path(config, style->bold ? config->display.bold_font : config->display.font);
    if (!path) {
        log_oom_reason(err, err_size, NULL);
        return false;
    }
    chain->fonts[0] = open_font(path, style->size_px, err, err_size);
    free(path);
    if (!chain->fonts[0])
        return false;
    chain->count = 1;
    const struct string_list *fallbacks = &config->display.fallback_fonts;
    for (size_t i = 0; i < fallbacks->count && chain->count < MAX_CHAIN; i++) {
        char *fallback = config_font_path(config, fallbacks->values[i]);
        char why[TICKER_ERROR_MAX];
        TTF_Font *font = fallback ? open_font(fallback, style->size_px, why, sizeof why) : NULL;
        if (font)
            chain->fonts[chain->count++] = font;
        else
            log_warn("fallback %s", fallback ? why : LOG_OOM);
        free(fallback);
    }
    return true;
}

struct typeset *typeset_create(const struct config *config, const struct typeset_style *styles, size_t count,
                               char *err, size_t err_size)
{
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    struct typeset *t = calloc(1, sizeof *t);
    if (t)
        t->chains = calloc(count, sizeof *t->chains);
    if (!t || !t->chains) {
        free(t);
        TTF_Quit();
        log_oom_reason(err, err_size, NULL);
        return NULL;
    }
    t->chain_count = count;
    for (size_t i = 0; i < count; i++) {
        if (!open_chain(&t->chains[i], config, &styles[i], err, err_size)) {
            typeset_destroy(t);
            return NULL;
        }
    }
    return t;
}

void typeset_destroy(struct typeset *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->chain_count; i++)
        for (size_t f = 0; f < t->chains[i].count; f++)
            TTF_CloseFont(t->chains[i].fonts[f]);
    free(t->chains);
    free(t->missing);
    free(t);
    TTF_Quit();
}

void typeset_metrics(const struct typeset *t, size_t style, struct typeset_metrics *out)
{
    TTF_Font *font = t->chains[style].fonts[0];
    out->ascent = TTF_FontAscent(font);
    out->descent = -TTF_FontDescent(font);
    out->height = TTF_FontHeight(font);
    out->line_height = TTF_FontLineSkip(font);
}

int typeset_font_for(const struct typeset *t, size_t style, uint32_t cp)
{
    const struct chain *chain = &t->chains[style];
    for (size_t f = 0; f < chain->count; f++)
        if (TTF_GlyphIsProvided32(chain->fonts[f], cp))
            return (int)f;
    return -1;
}

bool typeset_glyph_extent(const struct typeset *t, size_t style, uint32_t cp, int *above, int *below)
{
    int font = typeset_font_for(t, style, cp);
    int minx, maxx, miny, maxy, advance;
    if (font < 0 || TTF_GlyphMetrics32(t->chains[style].fonts[font], cp, &minx, &maxx, &miny, &maxy, &advance) != 0)
        return false;
    *above = maxy;
    *below = -miny;
    return true;
}

size_t typeset_missing_count(const struct typeset *t) { return t->missing_count; }

static void report_missing(struct typeset *t, uint32_t cp, const char *text)
{
    for (size_t i = 0; i < t->missing_count; i++)
        if (t->missing[i] == cp)
            return;
    if (!ARRAY_GROW(t->missing, t->missing_capacity, t->missing_count + 1, 16))
            return;
    t->missing[t->missing_count++] = cp;
    log_warn("no font has U+%04X (in \"%.60s\"); it is left out", (unsigned)cp, text);
}

static void runs_clear(struct runs *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->items[i].text);
    free(r->items);
    memset(r, 0, sizeof *r);
}

static bool run_append(struct run *run, const char *bytes, size_t n)
{
    if (!ARRAY_RESIZE(run->text, run->length + n + 1))
        return false;
    memcpy(run->text + run->length, bytes, n);
    run->length += n;
    run->text[run->length] = '\0';
    return true;
}

static int glyph_top_overflow(TTF_Font *font, uint32_t cp)
{
    int minx, maxx, miny, maxy, advance;
    if (TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy, &advance) != 0)
        return 0;
    int over = maxy - TTF_FontAscent(font);
    return over > 0 ? over : 0;
}

static bool is_mark(uint32_t cp)
{
    return unicode_class((int32_t)cp) == UNICODE_MARK;
}

/* NFC first: with it, Vietnamese is precomposed and draws the same with or
 * without HarfBuzz's mark positioning; then runs by the font that has each
 * character (a combining mark stays with its base's font when it can). */
static bool split_runs(struct typeset *t, size_t style, const char *text, struct runs *out)
{
    const struct chain *chain = &t->chains[style];
    char *nfc = unicode_nfc(text);
    const char *p = nfc ? nfc : text;
    bool ok = true;
    while (*p && ok) {
        int32_t cp;
        size_t n = unicode_next(p, UNICODE_TO_NUL, &cp);
        if (!n) { /* invalid byte: skip it */
            p++;
            continue;
        }
        const char *bytes = p;
        p += n;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            bytes = " ";
            n = 1;
            cp = ' ';
        }
        int font = -1;
        struct run *last = out->count ? &out->items[out->count - 1] : NULL;
        if (last && (is_mark((uint32_t)cp) || cp == ' ') && TTF_GlyphIsProvided32(chain->fonts[last->font], (Uint32)cp))
            font = (int)last->font;
        else
            font = typeset_font_for(t, style, (uint32_t)cp);
        if (font < 0) {
            report_missing(t, (uint32_t)cp, text);
            continue;
        }
        if (!last || last->font != (size_t)font) {
            if (!ARRAY_GROW(out->items, out->capacity, out->count + 1, 4)) {
                    ok = false;
                    break;
                }
            last = &out->items[out->count++];
            memset(last, 0, sizeof *last);
            last->font = (size_t)font;
        }
        int over = glyph_top_overflow(chain->fonts[font], (uint32_t)cp);
        if (over > last->top_overflow)
            last->top_overflow = over;
        ok = run_append(last, bytes, n);
    }
    free(nfc);
    if (!ok)
        runs_clear(out);
    return ok;
}

/* Rendering never fails on a long text: one line longer than this (ten
 * times the longest title an item may carry) is cut at a character with an
 * ellipsis, so its surface stays within memory and the texture limits that
 * tiles take care of; a text of a megabyte would need gigabytes. */
#define TYPESET_MAX_LINE_BYTES 4096

/* text, or a copy cut to TYPESET_MAX_LINE_BYTES with "…" (*cut to free). */
static const char *bounded(const char *text, char **cut)
{
    *cut = NULL;
    size_t length = strlen(text);
    if (length <= TYPESET_MAX_LINE_BYTES)
        return text;
    size_t keep = TYPESET_MAX_LINE_BYTES;
    while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--; /* not inside a UTF-8 sequence */
    *cut = malloc(keep + sizeof "\u2026");
    if (!*cut)
        return "\u2026";
    memcpy(*cut, text, keep);
    memcpy(*cut + keep, "\u2026", sizeof "\u2026");
    return *cut;
}

int typeset_width(struct typeset *t, size_t style, const char *text)
{
    char *cut;
    text = bounded(text, &cut);
    struct runs runs = {0};
    if (!split_runs(t, style, text, &runs)) {
        free(cut);
        return 0;
    }
    int total = 0;
    for (size_t i = 0; i < runs.count; i++) {
        int w = 0, h = 0;
        if (TTF_SizeUTF8(t->chains[style].fonts[runs.items[i].font], runs.items[i].text, &w, &h) == 0)
            total += w;
    }
    runs_clear(&runs);
    free(cut);
    return total;
}

static SDL_Surface *render_line(struct typeset *t, size_t style, const char *text, int *baseline);

SDL_Surface *typeset_render(struct typeset *t, size_t style, const char *text, int *baseline)
{
    char *cut;
    SDL_Surface *surface = render_line(t, style, bounded(text, &cut), baseline);
    free(cut);
    return surface;
}

static SDL_Surface *render_line(struct typeset *t, size_t style, const char *text, int *baseline)
{
    struct runs runs = {0};
    if (!split_runs(t, style, text, &runs) || runs.count == 0) {
        runs_clear(&runs);
        return NULL;
    }
    const struct chain *chain = &t->chains[style];
    const SDL_Color white = {255, 255, 255, 255};
    size_t n = runs.count;
    SDL_Surface **parts = calloc(n, sizeof *parts);
    int *part_baseline = calloc(n, sizeof *part_baseline);
    if (!parts || !part_baseline) {
        free(parts);
        free(part_baseline);
        runs_clear(&runs);
        return NULL;
    }
    /* The line box is the main font's; a taller fallback glyph grows it. */
    int top = TTF_FontAscent(chain->fonts[0]);
    int bottom = TTF_FontHeight(chain->fonts[0]) - top;
    int width = 0;
    size_t made = 0;
    for (; made < n; made++) {
        TTF_Font *font = chain->fonts[runs.items[made].font];
        SDL_Surface *part = TTF_RenderUTF8_Blended(font, runs.items[made].text, white);
        if (!part) {
            log_error("rendering \"%.60s\": %s", text, TTF_GetError());
            break;
        }
        /* SDL_ttf grows a surface upwards for glyphs above the ascent and
         * moves the baseline down by as much (SDL_ttf #118). */
        int grown = part->h - TTF_FontHeight(font);
        int over = runs.items[made].top_overflow;
        part_baseline[made] = TTF_FontAscent(font) + (over < grown ? over : (grown > 0 ? grown : 0));
        parts[made] = part;
        width += part->w;
        if (part_baseline[made] > top)
            top = part_baseline[made];
        if (part->h - part_baseline[made] > bottom)
            bottom = part->h - part_baseline[made];
    }
    SDL_Surface *result = NULL;
    if (made == n && made == 1 && part_baseline[0] == top && parts[0]->h == top + bottom) {
        result = parts[0]; /* the usual case: one font, nothing to compose */
        made = 0;
    } else if (made == n && width > 0) {
        result = SDL_CreateRGBSurfaceWithFormat(0, width, top + bottom, 32, SDL_PIXELFORMAT_ARGB8888);
        if (result) {
            SDL_FillRect(result, NULL, 0);
            int x = 0;
            for (size_t i = 0; i < made; i++) {
                SDL_Rect at = {x, top - part_baseline[i], parts[i]->w, parts[i]->h};
                SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
                SDL_BlitSurface(parts[i], NULL, result, &at);
                x += parts[i]->w;
            }
        } else {
            log_error("rendering \"%.60s\": %s", text, SDL_GetError());
        }
    }
    for (size_t i = 0; i < made; i++)
        SDL_FreeSurface(parts[i]);
    free(parts);
    free(part_baseline);
    runs_clear(&runs);
    if (result)
        *baseline = top;
    return result;
}
