/* page_title: the site-and-section trail cut from a page's headline. See
 * page_title.h. */
#define _GNU_SOURCE /* strndup */
#include "ingest/page_title.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/unicode.h"
#include "ingest/text.h"

enum {
    MAX_SECTIONS_CUT = 2,    /* "X | Thời sự | Trong nước | Báo Y" */
    SECTION_MAX_WORDS = 3,   /* "Tin tức", "Thế giới", "Bạn đọc viết" */
    SECTION_MAX_BYTES = 40,
    HEADLINE_MIN_BYTES = 8,  /* what must be left of the title */
    NAME_MIN_LETTERS = 3,
};

/* Between the parts of a title: " - ", " | ", " – ", ... (with spaces on
 * both sides, so "Việt Nam-Lào" and "24/7" are never split). */
static const char *const separators[] = {" - ", " | ", " – ", " — ", " :: ", " · ", " » ", " / ", NULL};

/* The separator that ends the last part of title[0..end), or NULL; *sep_len set. */
static const char *last_separator(const char *title, size_t end, size_t *sep_len)
{
    const char *best = NULL;
    for (const char *const *sep = separators; *sep; sep++) {
        size_t len = strlen(*sep);
        for (const char *hit = strstr(title, *sep); hit && (size_t)(hit - title) + len <= end;
             hit = strstr(hit + 1, *sep))
            if (!best || hit > best) {
                best = hit;
                *sep_len = len;
            }
    }
    return best;
}

/* "Báo Tuổi Trẻ" → "baotuoitre", "VnExpress.net" → "vnexpressnet": letters
 * and digits only, without case or diacritics ("đ" is a letter of its own
 * in Unicode, read as "d"), for comparing a title part with a host. */
static char *fold_name(const char *text, size_t len)
{
    char *part = strndup(text, len);
    char *mapped = part ? unicode_bare(part) : NULL;
    free(part);
    if (!mapped)
        return NULL;
    struct strbuf out = STRBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)mapped; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            strbuf_add(&out, (const char *)p, 1);
        else if (p[0] == 0xC4 && p[1] == 0x91) /* đ */
            strbuf_add(&out, "d", 1);
    }
    free(mapped);
    return strbuf_finish(&out);
}

/* Words a site's name wraps around its own ("Báo", "Tạp chí", "Online"). */
static const char *core_of(const char *folded, size_t *len)
{
    static const char *const prefixes[] = {"baodientu", "bao", "tapchi", "trangtin", NULL};
    static const char *const suffixes[] = {"online", "dientu", "news", NULL};
    *len = strlen(folded);
    for (const char *const *p = prefixes; *p; p++) {
        size_t n = strlen(*p);
        if (*len > n + NAME_MIN_LETTERS && !strncmp(folded, *p, n)) {
            folded += n;
            *len -= n;
            break;
        }
    }
    for (const char *const *s = suffixes; *s; s++) {
        size_t n = strlen(*s);
        if (*len > n + NAME_MIN_LETTERS && !strncmp(folded + *len - n, *s, n)) {
            *len -= n;
            break;
        }
    }
    return folded;
}

static bool same_name(const char *a, const char *b)
{
    if (strlen(a) < NAME_MIN_LETTERS || strlen(b) < NAME_MIN_LETTERS)
        return false;
    if (!strcmp(a, b))
        return true;
    size_t a_len, b_len;
    const char *a_core = core_of(a, &a_len), *b_core = core_of(b, &b_len);
    return a_len == b_len && !memcmp(a_core, b_core, a_len);
}

/* Whether the initials of text[0..len)'s words are the host's first label
 * (folded): "Báo Sài Gòn Giải Phóng" for sggp.org.vn, "Người Lao Động" for
 * nld.com.vn, with or without the "Báo" before it; three words at least. */
static bool initials_are(const char *text, size_t len, const char *label)
{
    char *part = strndup(text, len);
    char *bare = part ? unicode_bare(part) : NULL;
    free(part);
    if (!bare)
        return false;
    char letters[16];
    size_t n = 0;
    bool bao = !strncmp(bare, "bao ", 4), ok = true;
    for (const unsigned char *p = (const unsigned char *)bare; *p && ok;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (n == sizeof letters - 1)
            ok = false;
        else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            letters[n++] = (char)*p;
        else if (p[0] == 0xC4 && p[1] == 0x91) /* đ */
            letters[n++] = 'd';
        else
            ok = false; /* a word that starts with no letter ("TP.HCM" does) is not one of a name's */
        while (*p && *p != ' ')
            p++;
    }
    free(bare);
    letters[n] = '\0';
    const char *own = bao ? letters + 1 : letters; /* the name without "Báo" */
    return ok && strlen(label) >= NAME_MIN_LETTERS &&
           ((n >= 3 && !strcmp(letters, label)) || (strlen(own) >= 3 && !strcmp(own, label)));
}

/* Whether text[0..len) names the site: its og:site_name, its host
 * ("vnexpress.net"), the host's first label ("VnExpress" for
 * vnexpress.net, "Báo Triển Lãm" for baotrienlam.vn) or its initials
 * ("Báo Sài Gòn Giải Phóng" for sggp.org.vn). */
static bool names_site(const char *text, size_t len, const struct page_site *site)
{
    char *part = fold_name(text, len);
    if (!part)
        return false;
    bool hit = false;
    if (site->name) {
        char *name = fold_name(site->name, strlen(site->name));
        hit = name && same_name(part, name);
        free(name);
    }
    const char *host = site->host;
    if (!hit && host) {
        if (!strncmp(host, "www.", 4) || !strncmp(host, "m.", 2))
            host = strchr(host, '.') + 1;
        char *whole = fold_name(host, strlen(host));
        char *label = fold_name(host, strcspn(host, "."));
        hit = (whole && same_name(part, whole)) || (label && same_name(part, label)) ||
              (label && initials_are(text, len, label));
        free(whole);
        free(label);
    }
    free(part);
    return hit;
}

static bool is_capital(const char *word)
{
    int32_t c;
    return unicode_next(word, UNICODE_TO_NUL, &c) && unicode_is_capital(c);
}

/* A section's name: one of the page's own (article:section, breadcrumbs),
 * or written like one: two or three words in sentence case ("Thời sự",
 * "Thế giới") — a proper name ("Hàn Quốc", "Singapore") is part of the
 * headline. One word alone must be one of the page's sections, a format
 * every site files under, or a section every news site of the languages
 * read here has ("O preço do ouro sobe | Economia | G1"). */
static bool is_section(const char *text, size_t len, const struct page_site *site)
{
    static const char *const formats[] = {
        "video", "videos", "podcast", "podcasts", "ảnh", "photo", "photos", "infographic", "infographics",
        "emagazine", "e-magazine", "magazine", "multimedia", "news",
        /* pt, es, fr, de, it, nl, en, id, tr, pl, ru: economy, politics, world, sport, culture, society,
         * technology, science, health, opinion */
        "economia", "economía", "économie", "wirtschaft", "economie", "economy", "business", "ekonomi",
        "gospodarka", "biznes", "экономика", "política", "politica", "politique", "politik", "politiek",
        "politics", "polityka", "siyaset", "политика", "mundo", "monde", "welt", "mondo", "buitenland", "world",
        "świat", "dünya", "internacional", "international", "internazionale", "internasional", "esportes",
        "esporte", "deportes", "sport", "sports", "olahraga", "spor", "спорт", "cultura", "culture", "kultur",
        "cultuur", "kültür", "kultura", "культура", "sociedade", "sociedad", "société", "gesellschaft",
        "società", "общество", "tecnologia", "tecnología", "technologie", "technology", "tech", "teknologi",
        "teknoloji", "ciência", "ciencia", "sciences", "science", "wissenschaft", "scienza", "saúde", "salud",
        "santé", "gesundheit", "salute", "gezondheid", "health", "kesehatan", "sağlık", "zdrowie", "opinião",
        "opinión", "opinion", "meinung", "opinione", "opinie", "opini", "gündem", "cronaca", "nacional",
        "nasional", "kraj", NULL};
    char *part = len <= SECTION_MAX_BYTES ? strndup(text, len) : NULL;
    char *folded = part ? text_casefold(part) : NULL;
    bool hit = false;
    for (size_t i = 0; folded && !hit && i < site->section_count; i++) {
        char *section = text_casefold(site->sections[i]);
        hit = section && !strcmp(section, folded);
        free(section);
    }
    size_t words = part ? text_word_count(part) : 0;
    if (!hit && words == 1)
        for (const char *const *f = formats; !hit && *f; f++)
            hit = !strcmp(folded, *f);
    if (!hit && words >= 2 && words <= SECTION_MAX_WORDS && is_capital(part) &&
        !strpbrk(part, "0123456789.,:;!?\"()")) {
        hit = true;
        for (const char *space = strchr(part, ' '); hit && space; space = strchr(space + 1, ' '))
            hit = !is_capital(space + 1);
    }
    free(folded);
    free(part);
    return hit;
}

/* "Báo Y - X": the site's name first. */
static void cut_leading_site(char *title, const struct page_site *site)
{
    for (const char *const *sep = separators; *sep; sep++) {
        const char *hit = strstr(title, *sep);
        size_t sep_len = strlen(*sep);
        if (hit && strlen(hit + sep_len) >= HEADLINE_MIN_BYTES && names_site(title, (size_t)(hit - title), site)) {
            memmove(title, hit + sep_len, strlen(hit + sep_len) + 1);
            return;
        }
    }
}

/* Where "sep + site name" ends title, the name written whole (it may hold a
 * separator itself: "Báo Y - Tin tức 24h"); 0 when it does not. */
static size_t whole_name_at(const char *title, const struct page_site *site)
{
    size_t len = strlen(title), name_len = site->name ? strlen(site->name) : 0;
    if (!name_len || len < name_len + HEADLINE_MIN_BYTES || strcmp(title + len - name_len, site->name))
        return 0;
    for (const char *const *sep = separators; *sep; sep++) {
        size_t sep_len = strlen(*sep);
        if (len >= name_len + sep_len + HEADLINE_MIN_BYTES &&
            !strncmp(title + len - name_len - sep_len, *sep, sep_len))
            return len - name_len - sep_len;
    }
    return 0;
}

void page_title_cut(char *title, const struct page_site *site)
{
    size_t end = strlen(title), sep_len = 0;
    size_t cut = whole_name_at(title, site);
    const char *sep = cut ? NULL : last_separator(title, end, &sep_len);
    if (!cut && (!sep || (size_t)(sep - title) < HEADLINE_MIN_BYTES ||
                 !names_site(sep + sep_len, end - (size_t)(sep - title) - sep_len, site))) {
        cut_leading_site(title, site);
        return;
    }
    if (!cut)
        cut = (size_t)(sep - title);
    for (size_t sections = 0; sections < MAX_SECTIONS_CUT; sections++) {
        sep = last_separator(title, cut, &sep_len);
        if (!sep || (size_t)(sep - title) < HEADLINE_MIN_BYTES ||
            !is_section(sep + sep_len, cut - (size_t)(sep - title) - sep_len, site))
            break;
        cut = (size_t)(sep - title);
    }
    title[cut] = '\0';
}
