#include "base/inifile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/unicode.h"

#include "base/array.h"
#include "base/filekind.h"

/* inih's line buffer. Debian's libinih (the one this builds against, on
 * the desktop and the Pi) makes inih's compile-time options run-time ones:
 * ini_use_stack, ini_allow_realloc, ini_max_line. Its default, a 200-byte
 * buffer on the stack, cut a long line in two or refused it, and a news
 * URL with its query string is easily longer. With a heap buffer that may
 * grow, inih reads lines of any length up to ini_max_line; the reader
 * below refuses longer ones first, so inih never cuts one. Set once, before
 * the first parse, and never changed: every parse in the process reads
 * the same way. */
enum { INIFILE_MAX_LINE = 64 * 1024 }; /* bytes of one line without its end */

/* inih's settings are its own globals: set once, by whichever thread
 * parses first (a remote config may be read on another thread), and never
 * changed after. */
static pthread_once_t ini_setup_once = PTHREAD_ONCE_INIT;

static void ini_setup(void)
{
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = INIFILE_MAX_LINE + 3; /* inih's count: "\r\n" and the NUL */
    /* The first error is the one reported, with its own line's reason. */
    ini_stop_on_first_error = true;
}

/* inih's reader: whole lines from getline, handed over in the pieces inih
 * asks for (fgets' contract: a piece without its "\n" means "more of the
 * same line follows", and inih grows its buffer and asks again). It counts
 * lines itself, so a line too long, or one with a NUL byte (a binary file,
 * which inih would read as two lines), is refused with its own number
 * before inih sees any of it. */
struct line_reader {
    FILE *file;
    char *buffer;
    size_t capacity;
    size_t length, offset; /* of the line read last, and how much of it inih has */
    int number;            /* of the line read last */
    size_t too_long;       /* its length, when it is over INIFILE_MAX_LINE */
    bool has_nul;          /* it holds a NUL byte */
    size_t bad_utf8_column; /* 1-based byte column of its first byte that is not UTF-8, 0: none */
    unsigned char bad_utf8_byte;
    int read_errno;        /* a read that failed (EISDIR, EIO) */
};

static char *read_line_piece(char *str, int num, void *stream)
{
    struct line_reader *r = stream;
    if (r->offset >= r->length) {
        errno = 0;
        ssize_t length = getline(&r->buffer, &r->capacity, r->file);
        if (length < 0) {
            if (ferror(r->file))
                r->read_errno = errno ? errno : EIO;
            return NULL;
        }
        r->number++;
        r->length = (size_t)length;
        r->offset = 0;
        size_t text = r->length - (r->length > 0 && r->buffer[r->length - 1] == '\n');
        if (text > INIFILE_MAX_LINE) {
            r->too_long = text;
            return NULL; /* ends the parse: an error follows, not half a setting */
        }
        if (memchr(r->buffer, '\0', r->length)) {
            r->has_nul = true;
            return NULL;
        }
        /* The settings are UTF-8 (titles in Vietnamese): a file saved in
         * another encoding lost its accented letters without a word. */
        for (size_t at = 0; at < r->length;) {
            int32_t code;
            size_t n = unicode_next(r->buffer + at, r->length - at, &code);
            if (n == 0) {
                r->bad_utf8_column = at + 1;
                r->bad_utf8_byte = (unsigned char)r->buffer[at];
                return NULL;
            }
            at += n;
        }
    }
    if (num < 2)
        return NULL;
    size_t piece = r->length - r->offset;
    if (piece > (size_t)num - 1)
        piece = (size_t)num - 1;
    memcpy(str, r->buffer + r->offset, piece);
    str[piece] = '\0';
    r->offset += piece;
    return str;
}

/* What is wrong with a line inih could not read (it stops there, so the
 * reader still holds it): "syntax error" alone does not say. */
static const char *syntax_error(const struct line_reader *r, int line)
{
    if (line != r->number || !r->buffer)
        return "syntax error";
    const char *text = r->buffer;
    while (*text == ' ' || *text == '\t')
        text++;
    if (*text == '[')
        return "syntax error: a section name without its closing ']'";
    return "syntax error: neither [section], name = value nor a comment (; or #)";
}

/* /dev/null is the usual way to say "no config file" (ssh -F /dev/null,
 * GIT_CONFIG=/dev/null): it reads as an empty file, which sets nothing. */
static bool is_dev_null(const struct stat *st)
{
    struct stat null;
    return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
           st->st_rdev == null.st_rdev;
}

/* Only a regular file (or /dev/null) is a config file: a folder reads as empty (fopen
 * succeeds, every read fails) and was taken for a file with no settings; a
 * FIFO would wait for a writer for ever. O_NONBLOCK for that open only. */
static FILE *open_config_file(const char *path, char *err, size_t err_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    const char *what = NULL, *why = NULL;
    if (fstat(fd, &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode) && !is_dev_null(&st))
        what = filekind_name(st.st_mode);
    int flags = what || why ? 0 : fcntl(fd, F_GETFL);
    FILE *file = NULL;
    if (!what && !why && (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 || !(file = fdopen(fd, "r"))))
        why = strerror(errno);
    if (what)
        snprintf(err, err_size, "%s: not a config file: it is %s, and the config is one INI file", path, what);
    else if (why)
        snprintf(err, err_size, "%s: cannot read: %s", path, why);
    if (!file)
        close(fd);
    return file;
}

/* What inih hands over, kept whole with its line (the reader's count: inih
 * calls the handler for the line it just read). */
struct collect {
    struct inifile *doc;
    const struct line_reader *lines;
    bool out_of_memory;
};

static int collect_entry(void *user, const char *section, const char *name, const char *value)
{
    struct collect *c = user;
    struct inifile *doc = c->doc;
    if (!ARRAY_GROW(doc->entries, doc->capacity, doc->count + 1, 32))
        return !(c->out_of_memory = true);
    struct inifile_entry *e = &doc->entries[doc->count];
    e->section = strdup(section);
    e->name = strdup(name);
    e->value = strdup(value ? value : "");
    e->line = c->lines->number;
    doc->count++;
    if (!e->section || !e->name || !e->value)
        c->out_of_memory = true;
    return !c->out_of_memory;
}

void inifile_clear(struct inifile *doc)
{
    for (size_t i = 0; i < doc->count; i++) {
        free(doc->entries[i].section);
        free(doc->entries[i].name);
        free(doc->entries[i].value);
    }
    free(doc->entries);
    memset(doc, 0, sizeof *doc);
}

bool inifile_read(const char *path, struct inifile *doc, char *err, size_t err_size)
{
    memset(doc, 0, sizeof *doc);
    FILE *file = open_config_file(path, err, err_size);
    if (!file)
        return false;
    pthread_once(&ini_setup_once, ini_setup);
    struct line_reader lines = {.file = file};
    struct collect collect = {.doc = doc, .lines = &lines};
    int line = ini_parse_stream(read_line_piece, &lines, collect_entry, &collect);
    fclose(file);
    const char *reason = syntax_error(&lines, line); /* from the line still held */
    if (lines.too_long)
        snprintf(err, err_size, "%s:%d: the line is %zu bytes long, over the %d bytes a line may have", path,
                 lines.number, lines.too_long, INIFILE_MAX_LINE);
    else if (lines.has_nul)
        snprintf(err, err_size, "%s:%d: a NUL byte: not a text file, so not an INI file", path, lines.number);
    else if (lines.bad_utf8_column)
        snprintf(err, err_size, "%s:%d: not UTF-8 text (byte 0x%02X at column %zu): save the file as UTF-8", path,
                 lines.number, lines.bad_utf8_byte, lines.bad_utf8_column);
    else if (lines.read_errno)
        snprintf(err, err_size, "%s:%d: cannot read: %s", path, lines.number + 1, strerror(lines.read_errno));
    else if (line == -2 || collect.out_of_memory)
        log_oom_reason(err, err_size, "%s", path);
    else if (line != 0)
        snprintf(err, err_size, "%s:%d: %s", path, line, reason);
    free(lines.buffer);
    if (line == 0 && !collect.out_of_memory && !lines.too_long && !lines.has_nul && !lines.bad_utf8_column &&
        !lines.read_errno)
        return true;
    inifile_clear(doc);
    return false;
}
