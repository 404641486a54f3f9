/* The month and day names of common languages, case-folded (date_words.h).
 * English is read by date.c itself; it is here too, so that a prefix such
 * as "sep" is judged against every language at once. */
#include "ingest/date_words.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/text.h"

enum { WORD_MAX_BYTES = 48, PREFIX_MIN_CHARS = 3 };

/* Full names (and genitives: Russian and Polish dates say "24 сентября", "24 września"), by month. Indonesian,
 * Turkish, Polish, Swedish, Norwegian and Danish follow the older languages; their short forms ("agu", "eyl",
 * "wrz", "des") are prefixes of these, so the prefix rule reads them. */
static const char *const month_names[12][24] = {
    {"january", "janeiro", "enero", "janvier", "januar", "jänner", "gennaio", "januari", "январь", "января", "ocak",
     "styczeń", "stycznia", "styczen", NULL},
    {"february", "fevereiro", "febrero", "février", "fevrier", "februar", "feber", "febbraio", "februari", "февраль",
     "февраля", "şubat", "subat", "luty", "lutego", NULL},
    {"march", "março", "marco", "marzo", "mars", "märz", "maerz", "maart", "март", "марта", "maret", "mart", "marzec",
     "marca", "marts", NULL},
    {"april", "abril", "avril", "aprile", "апрель", "апреля", "nisan", "kwiecień", "kwietnia", "kwiecien", NULL},
    {"may", "maio", "mayo", "mai", "maggio", "mei", "май", "мая", "mayıs", "mayis", "maj", "maja", NULL},
    {"june", "junho", "junio", "juin", "juni", "giugno", "июнь", "июня", "haziran", "czerwiec", "czerwca", NULL},
    {"july", "julho", "julio", "juillet", "juli", "luglio", "июль", "июля", "temmuz", "lipiec", "lipca", NULL},
    {"august", "agosto", "août", "aout", "augustus", "август", "августа", "agustus", "ağustos", "agustos", "sierpień",
     "sierpnia", "sierpien", "augusti", NULL},
    {"september", "setembro", "septiembre", "setiembre", "septembre", "settembre", "сентябрь", "сентября", "eylül",
     "eylul", "wrzesień", "września", "wrzesien", "wrzesnia", NULL},
    {"october", "outubro", "octubre", "octobre", "oktober", "ottobre", "октябрь", "октября", "ekim", "październik",
     "października", "pazdziernik", "pazdziernika", NULL},
    {"november", "novembro", "noviembre", "novembre", "ноябрь", "ноября", "kasım", "kasim", "listopad", "listopada",
     NULL},
    {"december", "dezembro", "diciembre", "décembre", "decembre", "dezember", "dicembre", "декабрь", "декабря",
     "desember", "aralık", "aralik", "grudzień", "grudnia", "grudzien", NULL},
};

/* Abbreviations that do not begin their month's name. */
static const struct {
    const char *word;
    int month;
} month_abbreviations[] = {{"mrz", 3}, {"mrt", 3}}; /* German, Dutch */

/* Day names, full and short, Portuguese, Spanish, French, German, Italian,
 * Dutch, Russian, Indonesian, Turkish, Polish: a date carries them, its
 * reading ignores them. A short one that begins a month's name ("paz",
 * "pazdziernik") is both: the later month wins (date.c). */
static const char *const day_names[] = {
    "seg", "ter", "qua", "qui", "sex", "sáb", "sab", "dom", "segunda", "terça", "terca", "quarta", "quinta", "sexta",
    "sábado", "sabado", "domingo", "segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira",
    "sexta-feira", "lun", "mar", "mié", "mie", "miér", "mier", "jue", "vie", "lunes", "martes", "miércoles",
    "miercoles", "jueves", "viernes", "lu", "ma", "mi", "ju", "vi", "sá", "mer", "jeu", "ven", "sam", "dim", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "mo", "di", "do", "fr", "sa", "so", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "gio", "lunedì", "lunedi",
    "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi", "venerdì", "venerdi", "sabato", "domenica",
    "wo", "vr", "za", "zo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "пн", "вт",
    "ср", "чт", "пт", "сб", "вс", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "sen", "sel", "rab", "kam", "jum", "min",
    "pazartesi", "salı", "sali", "çarşamba", "carsamba", "perşembe", "persembe", "cuma", "cumartesi", "pazar", "pzt",
    "sal", "çar", "car", "per", "prş", "cum", "cmt", "paz", "poniedziałek", "poniedzialek", "wtorek", "środa", "sroda",
    "czwartek", "piątek", "piatek", "sobota", "niedziela", "pon", "wt", "śr", "sr", "czw", "pt", "sob", "nd", "niedz",
    "cn", NULL}; /* "CN, 06/12/2026": Vietnamese Chủ nhật, Sunday */

/* The words between the parts: "24 de setembro de 2018 às 10:00", "den 24.
 * September 2018 um 10:00 Uhr", "24 сентября 2018 г. в 10:00". */
static const char *const filler_words[] = {"de", "del", "à", "a", "às", "las", "le", "el", "den", "um", "uhr", "om",
                                           "alle", "ore", "г", "года", "в", "r", "roku", "ngày", "năm", NULL};

static bool listed(const char *const *words, const char *word)
{
    for (const char *const *w = words; *w; w++)
        if (**w == *word && !strcmp(*w, word)) /* the first byte first: most words differ there */
            return true;
    return false;
}

static size_t utf8_chars(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* The one month whose names begin with word (or are it), else 0. */
static int month_of(const char *word)
{
    for (size_t i = 0; i < sizeof month_abbreviations / sizeof *month_abbreviations; i++)
        if (!strcmp(month_abbreviations[i].word, word))
            return month_abbreviations[i].month;
    size_t len = strlen(word);
    bool prefix_ok = utf8_chars(word) >= PREFIX_MIN_CHARS;
    int found = 0;
    for (int m = 0; m < 12; m++)
        for (const char *const *name = month_names[m]; *name; name++) {
            if (**name != *word)
                continue; /* neither the name nor its prefix */
            bool exact = !strcmp(*name, word);
            if (!exact && !(prefix_ok && !strncmp(*name, word, len)))
                continue;
            if (exact)
                return m + 1;
            if (found && found != m + 1)
                return 0; /* "jui": juin or juillet */
            found = m + 1;
        }
    return found;
}

bool date_word_lookup(const char *p, size_t len, bool months, struct date_word *word)
{
    *word = (struct date_word){0};
    if (len && p[len - 1] == '.') /* "sept.", "lun.", "г." */
        len--;
    if (!len || len > WORD_MAX_BYTES)
        return false;
    char raw[WORD_MAX_BYTES + 1];
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        ascii = ascii && c < 0x80;
        raw[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    raw[len] = '\0';
    /* Every feed's "Wed" and "Jul" are ASCII: folded here, without utf8proc's
     * allocation (a tenth of a large feed's reading went there). */
    char *folded = ascii ? raw : text_casefold(raw);
    if (!folded)
        return false;
    word->month = months ? month_of(folded) : 0;
    word->day = listed(day_names, folded);
    word->filler = listed(filler_words, folded);
    if (folded != raw)
        free(folded);
    return word->month || word->day || word->filler;
}
