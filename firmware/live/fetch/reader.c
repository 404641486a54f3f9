#include "live/fetch/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/config_editorial.h"
#include "base/filekind.h"
#include "base/hash.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/paths.h"
#include "base/safeopen.h"
#include "base/strarray.h"
#include "ingest/alert.h"
#include "ingest/editorial.h"
#include "ingest/charset.h"
#include "ingest/date.h"
#include "ingest/source.h"
#include "live/fetch/admit.h"
#include "live/http/http.h"

bool reader_global_init(void)
{
    source_global_init();
    /* At start, before any thread: every source's transfer needs a socket,
     * and systemd's default soft limit is 1,024 (LimitNOFILE raises it). */
    long limit = http_raise_fd_limit();
    log_debug("file-descriptor limit: %ld", limit);
    return http_global_init();
}

void reader_global_cleanup(void)
{
    http_global_cleanup();
    source_global_cleanup();
}

/* --- files ---------------------------------------------------------------------- */

static void describe_limit(char *reason, size_t reason_size, const char *what, long limit)
{
    snprintf(reason, reason_size, "%s over the input limit of %ld bytes ([fetch] max_bytes)", what, limit);
}

/* Only regular files (and folders of them) are sources: a FIFO, a device
 * or a socket can block a read for ever or never end. */
static void describe_not_regular(mode_t mode, char *reason, size_t reason_size)
{
    snprintf(reason, reason_size, "%s, not a regular file or a folder: only files and folders are read",
             filekind_name(mode));
}

/* Hands each item of list to sink; false when it refuses one. */
static bool deliver_list(struct item_list *list, item_sink_fn *sink, void *arg, char *reason, size_t reason_size)
{
    for (size_t i = 0; i < list->count; i++)
        if (!sink(arg, &list->items[i])) {
            snprintf(reason, reason_size, "the items could not be handed on (" LOG_OOM ", or output closed)");
            return false;
        }
    return true;
}

static void make_context(struct ingest_context *context, const char *location, const char *name, const char *path,
                         const char *charset, const struct config *config)
{
    const struct source_config *source = config_find_source(config, location);
    *context = (struct ingest_context){.name = name,
                                       .path = path,
                                       .url = source_is_url(location) ? location : NULL,
                                       .charset = charset && charset[0] ? charset : NULL,
                                       .zone = source ? source->zone : NULL};
}

struct fetched {
    char *body;
    size_t size;
    char charset[48];
    int64_t changed; /* Last-Modified; 0: none */
};
static bool fetch_url(const char *url, const struct fetch_config *f, struct fetched *out, char *reason,
                      size_t reason_size);

/* Bytes of a source already in memory to its items, by the source's type:
 * a type = alert source's CAP or text message (ingest/alert), anything
 * else a feed, page or text (ingest/source), which raises no alert.
 * context->changed: when the bytes changed (0: now). */
static bool parse_bytes(const struct config *config, const struct source_config *source,
                        const struct ingest_context *context, const char *data, size_t size, struct source_info *info,
                        item_sink_fn *sink, void *arg, char *reason, size_t reason_size)
{
    struct item_list *items = item_list_create();
    if (!items) {
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    memset(info, 0, sizeof *info);
    struct cap_clears clears = {0}; /* handed on as items of clears set: the cache takes them off every source */
    bool alert = source && source->alert;
    bool ok = alert ? alert_parse_clears(context->name, data, size, context->charset,
                                         context->changed ? context->changed : (int64_t)time(NULL), source, items,
                                         &clears, reason, reason_size)
                    : source_parse_in(context, data, size, &config->rules, items, info, reason, reason_size);
    if (alert && ok && !(ok = cap_clears_to_items(&clears, items)))
        log_oom_reason(reason, reason_size, NULL);
    cap_clears_free(&clears);
    ok = ok && deliver_list(items, sink, arg, reason, reason_size);
    item_list_destroy(items);
    return ok;
}

/* A URL, fetched whole (under [fetch] max_bytes), then parsed. */
static bool load_url(const char *url, const struct config *config, item_sink_fn *sink, void *arg, char *err,
                     size_t err_size)
{
    char reason[TICKER_ERROR_MAX];
    struct fetched fetched = {0};
    bool ok = fetch_url(url, &config->fetch, &fetched, reason, sizeof reason);
    struct ingest_context context;
    make_context(&context, url, url, NULL, fetched.charset, config);
    context.changed = fetched.changed;
    struct source_info info;
    ok = ok && parse_bytes(config, config_find_source(config, url), &context, fetched.body, fetched.size, &info, sink,
                           arg, reason, sizeof reason);
    free(fetched.body);
    if (!ok)
        snprintf(err, err_size, "%s: %s", url, reason);
    return ok;
}

static const char *base_name(const char *path);

/* Opens a regular file of at most max_bytes inside root (NULL: anywhere):
 * its descriptor, or -1 with the reason. base/safeopen never blocks on a
 * FIFO (the fetch thread, and with it the shutdown, would wait for ever)
 * and never follows a link out of root. */
static int open_capped(const char *root, const char *path, const struct fetch_config *limits, struct stat *st,
                       char *reason, size_t reason_size)
{
    long limit = limits->max_bytes;
    /* path is the file as named (root/NAME, maybe relative to the working
     * folder); safeopen_in takes it relative to root. */
    int fd = safeopen_in(root, root ? base_name(path) : path, st, reason, reason_size);
    if (fd < 0 || st->st_size <= limit)
        return fd;
    char what[64];
    snprintf(what, sizeof what, "%.1f MB is", (double)st->st_size / (1024 * 1024));
    describe_limit(reason, reason_size, what, limit);
    close(fd);
    return -1;
}

enum { READ_CHUNK_BYTES = 64 * 1024 };

/* A file read in pieces into the stream: memory follows the piece (and the
 * largest item), not the file. Stops at max_bytes read (a file that grows)
 * and where the stream cannot go on (its finish says why). */
static bool stream_file(const char *root, const char *path, const struct fetch_config *limits,
                        struct source_stream *stream, char *reason, size_t reason_size)
{
    struct stat st;
    int fd = open_capped(root, path, limits, &st, reason, reason_size);
    if (fd < 0)
        return false;
    char *chunk = malloc(READ_CHUNK_BYTES);
    bool ok = chunk != NULL;
    if (!ok)
        log_oom_reason(reason, reason_size, NULL);
    size_t total = 0, want = (size_t)st.st_size; /* a file that changes while read is read as far as it was */
    while (ok && total < want) {
        size_t take = want - total < READ_CHUNK_BYTES ? want - total : READ_CHUNK_BYTES;
        ssize_t n = read(fd, chunk, take);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(reason, reason_size, "read error: %s", strerror(errno));
            ok = false;
        } else if (n == 0)
            break;
        else {
            total += (size_t)n;
            if (!source_stream_push(stream, chunk, (size_t)n))
                break;
        }
    }
    free(chunk);
    close(fd);
    return ok;
}

/* A file inside the folder root, read as a stream; name is what its items
 * carry as their source. */
static bool load_file_as(const char *root, const char *path, const char *name, const struct config *config,
                         item_sink_fn *sink, void *arg, char *err, size_t err_size)
{
    char reason[TICKER_ERROR_MAX];
    char *absolute = realpath(path, NULL); /* base of a text page's pictures */
    struct ingest_context context;
    make_context(&context, path, name, absolute, NULL, config);
    struct source_stream *stream = source_stream_create(&context, &config->rules, sink, arg);
    struct source_info info;
    bool ok = false;
    if (!stream)
        log_oom_reason(reason, sizeof reason, NULL);
    else
        ok = stream_file(root, path, &config->fetch, stream, reason, sizeof reason) &&
             source_stream_finish(stream, &info, reason, sizeof reason);
    source_stream_destroy(stream);
    free(absolute);
    if (!ok)
        snprintf(err, err_size, "%s: %s", path, reason);
    return ok;
}

/* Reads at most max_bytes whole (an alert file); a bigger file is refused before it is read. */
static char *read_file_capped(const char *root, const char *path, const struct fetch_config *limits, size_t *size,
                              struct stat *st_out, char *reason, size_t reason_size)
{
    struct stat st;
    int fd = open_capped(root, path, limits, &st, reason, reason_size);
    if (fd < 0)
        return NULL;
    char *data = malloc((size_t)st.st_size + 1);
    if (!data)
        log_oom_reason(reason, reason_size, NULL);
    size_t len = 0, want = (size_t)st.st_size;
    ssize_t n;
    while (data && len < want && (n = read(fd, data + len, want - len)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(reason, reason_size, "read error: %s", strerror(errno));
            free(data);
            data = NULL;
            break;
        }
        len += (size_t)n;
    }
    if (data) { /* a file that shrank while read is read as it is now */
        data[len] = '\0';
        *size = len;
        *st_out = st;
    }
    close(fd);
    return data;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* The folder a file source is in, which it must not lead out of (a file
 * on a stick that is a link to /etc/passwd). Caller frees; NULL on OOM. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static bool load_file(const char *path, const struct config *config, item_sink_fn *sink, void *arg, char *err,
                      size_t err_size)
{
    char *folder = folder_of(path);
    if (!folder) {
        log_oom_reason(err, err_size, "%s", path);
        return false;
    }
    bool ok = load_file_as(folder, path, base_name(path), config, sink, arg, err, err_size);
    free(folder);
    return ok;
}

/* A source folder's pins.ini (on the stick): the operator's messages, as
 * pinned items, with ids of the folder's file so two sticks never clash. */
static bool load_pins(const char *root, const char *path, item_sink_fn *sink, void *arg, char *err, size_t err_size)
{
    /* Opened inside its folder (base/safeopen: no link out of it, no FIFO),
     * then read through that descriptor. */
    struct stat st;
    char reason[512];
    int fd = safeopen_in(root, base_name(path), &st, reason, sizeof reason);
    if (fd < 0) {
        snprintf(err, err_size, "%s: %s", path, reason);
        return false;
    }
    char through[64], why[1024];
    snprintf(through, sizeof through, "/proc/self/fd/%d", fd);
    struct pin_list pins = {0};
    bool ok = config_pins_load(through, &pins, why, sizeof why);
    close(fd);
    size_t n = strlen(through);
    if (!ok)
        snprintf(err, err_size, "%s%s", path, strncmp(why, through, n) ? why : why + n);
    char prefix[TICKER_PATH_SUFFIXED_MAX];
    snprintf(prefix, sizeof prefix, "%s:", path);
    if (ok && !editorial_pin_items(&pins, prefix, sink, arg)) {
        log_oom_reason(err, err_size, "%s", path);
        ok = false;
    }
    pin_list_clear(&pins);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Visible entries of a directory, sorted by name: *names_out is NULL when there
 * are none. Free with strarray_free. */
static bool list_directory(const char *path, char ***names_out, size_t *count, char *reason, size_t reason_size)
{
    DIR *dir = opendir(path);
    if (!dir) {
        snprintf(reason, reason_size, "cannot open directory: %s", strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0;
    bool ok = true;
    struct dirent *entry;
    while (ok && (entry = readdir(dir)))
        if (entry->d_name[0] != '.') /* hidden files, editors' leftovers, . and .. */
            ok = strarray_append(&names, &n, entry->d_name);
    closedir(dir);
    if (!ok) {
        strarray_free(names, n);
        log_oom_reason(reason, reason_size, NULL);
        return false;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    *names_out = names;
    *count = n;
    return true;
}

static bool load_directory(const char *path, const struct config *config, item_sink_fn *sink, void *arg,
                           char *err, size_t err_size)
{
    char reason[TICKER_ERROR_MAX], skipped_first[512] = "";
    size_t count = 0, loaded = 0, failed = 0, skipped = 0;
    char **names = NULL;
    if (!list_directory(path, &names, &count, reason, sizeof reason)) {
        snprintf(err, err_size, "%s: %s", path, reason);
        return false;
    }
    const char *separator = path[strlen(path) - 1] == '/' ? "" : "/";
    for (size_t i = 0; i < count; i++) {
        size_t size = strlen(path) + strlen(names[i]) + 2;
        char *file = malloc(size);
        struct stat st;
        char file_err[TICKER_ERROR_WRAPPING_MAX];
        if (!file) {
            failed++;
            log_oom("%s/%s", path, names[i]);
            continue;
        }
        snprintf(file, size, "%s%s%s", path, separator, names[i]);
        /* Only regular files are read (stat, never open: a FIFO would
         * block); anything else is named with why it was skipped. */
        char why[TICKER_REASON_MAX] = "";
        bool folder = false;
        if (stat(file, &st) != 0)
            snprintf(why, sizeof why, "cannot look at it: %s", strerror(errno));
        else if ((folder = S_ISDIR(st.st_mode)))
            snprintf(why, sizeof why, "a folder (folders inside a source folder are not read)");
        else if (!S_ISREG(st.st_mode))
            describe_not_regular(st.st_mode, why, sizeof why);
        if (why[0]) {
            skipped++;
            /* A folder beside the feeds is usual (their pictures): no warning. */
            log_msg(folder ? LOG_LEVEL_DEBUG : LOG_LEVEL_WARN, "%s: skipped: %s", file, why);
            if (skipped == 1)
                snprintf(skipped_first, sizeof skipped_first, "%s: %s", names[i], why);
        } else if (!strcmp(names[i], READER_PINS_FILE)
                       ? load_pins(path, file, sink, arg, file_err, sizeof file_err)
                       : load_file_as(path, file, names[i], config, sink, arg, file_err, sizeof file_err)) {
            loaded++;
        } else {
            failed++;
            log_error("%s", file_err);
        }
        free(file);
    }
    strarray_free(names, count);
    if (loaded)
        return true;
    if (failed)
        snprintf(err, err_size, "%s: none of its %zu files could be read%s", path, failed,
                 skipped ? " (and some entries were skipped)" : "");
    else if (skipped)
        snprintf(err, err_size, "%s: no regular files to read in this folder; skipped %zu entr%s (%s%s)", path,
                 skipped, skipped == 1 ? "y" : "ies", skipped_first, skipped > 1 ? "; ..." : "");
    else
        snprintf(err, err_size, "%s: no files in this directory", path);
    return false;
}

/* --- fingerprints ------------------------------------------------------------------ */

bool reader_signature(const char *location, char *out, size_t size, char *err, size_t err_size)
{
    struct stat st;
    if (stat(location, &st) != 0) {
        snprintf(err, err_size, "cannot read: %s", strerror(errno));
        return false;
    }
    unsigned long long sum = 0, count = 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(location);
        if (!dir) {
            snprintf(err, err_size, "cannot open the folder: %s", strerror(errno));
            return false;
        }
        struct dirent *entry;
        char path[TICKER_PATH_MAX];
        while ((entry = readdir(dir))) {
            struct stat file;
            if (entry->d_name[0] == '.' ||
                !path_join(path, sizeof path, location, entry->d_name) ||
                stat(path, &file) != 0)
                continue;
            /* the legacy basis: the cache holds fingerprints made with it */
            uint64_t h = hash_legacy_string(entry->d_name);
            h = hash_mix(h, (uint64_t)file.st_size);
            h = hash_mix(h, (uint64_t)file.st_mtim.tv_sec);
            h = hash_mix(h, (uint64_t)file.st_mtim.tv_nsec);
            sum += h; /* order-free: readdir order is not stable */
            count++;
        }
        closedir(dir);
    }
    snprintf(out, size, "%llx:%llx:%lld.%09ld:%llx", (unsigned long long)st.st_size, count,
             (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, sum);
    return true;
}

/* --- URLs ------------------------------------------------------------------------- */

/* One transfer under the configured limits ([fetch]); the messages a
 * caller of dump knows are kept for the cap and for an HTTP error status. */
static bool fetch_url(const char *url, const struct fetch_config *f, struct fetched *out, char *reason,
                      size_t reason_size)
{
    struct http_client *client = http_client_create(f, NULL);
    if (!client) {
        snprintf(reason, reason_size, LOG_OOM " (http client)");
        return false;
    }
    struct http_response response;
    bool ok = http_get(client, url, NULL, NULL, &response);
    http_client_destroy(client);
    if (ok) {
        out->body = response.body;
        out->size = response.size;
        charset_from_content_type(response.content_type, out->charset, sizeof out->charset);
        if (!response.last_modified[0] || !date_parse(response.last_modified, &out->changed))
            out->changed = 0;
        response.body = NULL;
    } else if (response.over_cap)
        describe_limit(reason, reason_size, "the response is", f->max_bytes);
    else if (response.refused_status)
        snprintf(reason, reason_size, "HTTP status %ld", response.status);
    else
        snprintf(reason, reason_size, "%s", response.error);
    http_response_clear(&response);
    return ok;
}

bool reader_parse(const struct ingest_context *context, const char *data, size_t size, const struct config *config,
                  struct item_list *out, struct source_info *info, char *err, size_t err_size)
{
    struct source_info local;
    const struct source_config *source = config_find_source(config, context->name);
    struct admit gate;
    admit_init(&gate, source, context->name, item_list_sink, out);
    char reason[TICKER_ERROR_MAX];
    bool ok = parse_bytes(config, source, context, data, size, info ? info : &local, admit_item, &gate, reason,
                          sizeof reason);
    admit_finish(&gate);
    if (!ok)
        snprintf(err, err_size, "%s: %s", context->name, reason);
    return ok;
}

/* A file of a source of type alert: a removed or emptied file is no alert
 * (the screen clears), not an error. */
static bool load_alert_file(const char *path, const struct source_config *source, const struct config *config,
                            item_sink_fn *sink, void *arg, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT)
        return true;
    char reason[TICKER_ERROR_MAX];
    size_t size = 0;
    char *folder = folder_of(path);
    char *data = folder ? read_file_capped(folder, path, &config->fetch, &size, &st, reason, sizeof reason) : NULL;
    if (!folder)
        log_oom_reason(reason, sizeof reason, NULL);
    free(folder);
    struct ingest_context context;
    make_context(&context, path, base_name(path), NULL, NULL, config);
    context.changed = (int64_t)st.st_mtim.tv_sec;
    struct source_info info;
    bool ok = data && parse_bytes(config, source, &context, data, size, &info, sink, arg, reason, sizeof reason);
    free(data);
    if (!ok)
        snprintf(err, err_size, "%s: %s", path, reason);
    return ok;
}

static bool load_each(const char *location, const struct config *config, item_sink_fn *sink, void *arg, char *err,
                      size_t err_size)
{
    const struct source_config *source = config_find_source(config, location);
    if (source && source->alert && !source_is_url(location))
        return load_alert_file(location, source, config, sink, arg, err, err_size);
    if (source_is_url(location))
        return load_url(location, config, sink, arg, err, err_size);
    if (strstr(location, "://")) {
        snprintf(err, err_size, "%s: only http and https URLs are supported", location);
        return false;
    }
    struct stat st;
    if (stat(location, &st) != 0) {
        /* "vnexpress.net/rss/x.rss": a web address typed without its scheme. */
        size_t host = strcspn(location, "/");
        bool web = errno == ENOENT && location[0] != '.' && memchr(location, '.', host) &&
                   location[host] == '/' && !strchr(location, ' ');
        bool tilde = errno == ENOENT && location[0] == '~';
        snprintf(err, err_size, "%s: cannot open: %s%s", location, strerror(errno),
                 web     ? " (a web address needs https:// or http:// before it)"
                 : tilde ? " (~ is not expanded here: write the whole path, /home/USER/...)"
                         : "");
        return false;
    }
    if (S_ISDIR(st.st_mode))
        return load_directory(location, config, sink, arg, err, err_size);
    if (!S_ISREG(st.st_mode)) {
        char reason[TICKER_REASON_MAX];
        describe_not_regular(st.st_mode, reason, sizeof reason);
        snprintf(err, err_size, "%s: %s", location, reason);
        return false;
    }
    return load_file(location, config, sink, arg, err, err_size);
}

bool reader_load_each(const char *location, const struct config *config, item_sink_fn *sink, void *arg, char *err,
                      size_t err_size)
{
    /* The error is written whole, then its location shortened: a long URL
     * (2,000 bytes of query string) filled the caller's buffer, and the
     * reason, at its end, was lost. */
    size_t full_size = strlen(location) + 1024;
    char *full = malloc(full_size);
    if (!full) {
        log_oom_reason(err, err_size, "%s", location);
        return false;
    }
    full[0] = '\0';
    struct admit gate;
    admit_init(&gate, config_find_source(config, location), location, sink, arg);
    bool ok = load_each(location, config, admit_item, &gate, full, full_size);
    admit_finish(&gate);
    size_t n = strlen(location);
    char clip[LOG_CLIP_BYTES + 8];
    if (!strncmp(full, location, n))
        snprintf(err, err_size, "%s%s", log_clip(location, clip, sizeof clip), full + n);
    else
        snprintf(err, err_size, "%s", full);
    free(full);
    return ok;
}

bool reader_load(const char *location, const struct config *config, struct item_list *out, char *err, size_t err_size)
{
    return reader_load_each(location, config, item_list_sink, out, err, err_size);
}
