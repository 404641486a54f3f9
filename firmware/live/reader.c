#include "live/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/strarray.h"
#include "ingest/charset.h"
#include "ingest/source.h"
#include "live/http.h"

bool reader_global_init(void)
{
    source_global_init();
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

/* A file's or a URL's bytes (caller frees), or NULL with the reason;
 * charset gets the charset a server named ("" when none). */
typedef char *byte_reader(const char *location, const struct fetch_config *limits, size_t *size, char *charset,
                          size_t charset_size, char *reason, size_t reason_size);

/* The zone of the configured source at location (NULL: the kiosk's own). */
static const struct tzone *zone_of(const struct config *config, const char *location)
{
    for (size_t i = 0; i < config->source_count; i++)
        if (!strcmp(config->sources[i].location, location))
            return config->sources[i].zone;
    return NULL;
}

/* Reads and parses one file or URL; name is what its items carry as their source. */
static bool load_with(byte_reader *read, const char *location, const char *name, const struct config *config,
                      struct item_list *out, char *err, size_t err_size)
{
    char reason[512];
    size_t size = 0;
    char charset[48] = "";
    char *data = read(location, &config->fetch, &size, charset, sizeof charset, reason, sizeof reason);
    struct source_info info;
    struct ingest_context context = {.name = name,
                                     .url = source_is_url(location) ? location : NULL,
                                     .charset = charset[0] ? charset : NULL,
                                     .zone = zone_of(config, location)};
    bool ok = data && source_parse_in(&context, data, size, &config->rules, out, &info, reason, sizeof reason);
    free(data);
    if (!ok)
        snprintf(err, err_size, "%s: %s", location, reason);
    return ok;
}

/* Reads at most max_bytes; a bigger file is refused before it is read whole. */
static char *read_file_capped(const char *path, const struct fetch_config *limits, size_t *size, char *charset,
                              size_t charset_size, char *reason, size_t reason_size)
{
    (void)charset;
    (void)charset_size;
    long limit = limits->max_bytes;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(reason, reason_size, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(reason, reason_size, "not a regular file");
    } else if (st.st_size > limit) {
        char what[64];
        snprintf(what, sizeof what, "%.1f MB is", (double)st.st_size / (1024 * 1024));
        describe_limit(reason, reason_size, what, limit);
    } else if (!(data = malloc((size_t)st.st_size + 1))) {
        snprintf(reason, reason_size, "out of memory");
    } else {
        size_t len = 0, want = (size_t)st.st_size;
        ssize_t n;
        while (len < want && (n = read(fd, data + len, want - len)) != 0) {
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
        }
    }
    close(fd);
    return data;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static bool load_file(const char *path, const struct config *config, struct item_list *out, char *err,
                      size_t err_size)
{
    return load_with(read_file_capped, path, base_name(path), config, out, err, err_size);
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
        snprintf(reason, reason_size, "out of memory");
        return false;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    *names_out = names;
    *count = n;
    return true;
}

static bool load_directory(const char *path, const struct config *config, struct item_list *out, char *err,
                           size_t err_size)
{
    char reason[512];
    size_t count = 0, loaded = 0, failed = 0;
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
        char file_err[1024];
        if (!file) {
            failed++;
            log_error("%s/%s: out of memory", path, names[i]);
            continue;
        }
        snprintf(file, size, "%s%s%s", path, separator, names[i]);
        if (stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
            if (load_file(file, config, out, file_err, sizeof file_err))
                loaded++;
            else {
                failed++;
                log_error("%s", file_err);
            }
        }
        free(file);
    }
    strarray_free(names, count);
    if (loaded)
        return true;
    if (failed)
        snprintf(err, err_size, "%s: none of its %zu files could be read", path, failed);
    else
        snprintf(err, err_size, "%s: no files in this directory", path);
    return false;
}

/* --- URLs ------------------------------------------------------------------------- */

/* One transfer under the configured limits ([fetch]); the messages a
 * caller of dump knows are kept for the cap and for an HTTP error status. */
static char *fetch_url(const char *url, const struct fetch_config *f, size_t *size, char *charset,
                       size_t charset_size, char *reason, size_t reason_size)
{
    struct http_client *client = http_client_create(f, NULL);
    if (!client) {
        snprintf(reason, reason_size, "out of memory (http client)");
        return NULL;
    }
    struct http_response response;
    bool ok = http_get(client, url, NULL, NULL, &response);
    http_client_destroy(client);
    char *data = NULL;
    if (ok) {
        data = response.body;
        *size = response.size;
        charset_from_content_type(response.content_type, charset, charset_size);
        response.body = NULL;
    } else if (response.over_cap)
        describe_limit(reason, reason_size, "the response is", f->max_bytes);
    else if (response.refused_status)
        snprintf(reason, reason_size, "HTTP status %ld", response.status);
    else
        snprintf(reason, reason_size, "%s", response.error);
    http_response_clear(&response);
    return data;
}

bool reader_load(const char *location, const struct config *config, struct item_list *out, char *err, size_t err_size)
{
    if (source_is_url(location))
        return load_with(fetch_url, location, location, config, out, err, err_size);
    if (strstr(location, "://")) {
        snprintf(err, err_size, "%s: only http and https URLs are supported", location);
        return false;
    }
    struct stat st;
    if (stat(location, &st) != 0) {
        snprintf(err, err_size, "%s: cannot open: %s", location, strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode))
        return load_directory(location, config, out, err, err_size);
    return load_file(location, config, out, err, err_size);
}
