#include "http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTTP_MAX_RETRY_AFTER_SECONDS 86400L

struct http_client {
    CURL *curl;
    struct curl_slist *headers;
    char *user_agent;
    char *ca_file;
    long max_bytes;
    long max_redirects;
    const atomic_bool *stop;
    /* Per transfer: */
    char *body;
    size_t size, capacity;
    bool too_large;
    char curl_error[CURL_ERROR_SIZE];
};

bool http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}

/* The cap lives here because curl 7.88 ignores CURLOPT_MAXFILESIZE when the
 * server sends no Content-Length: a short count makes curl abort with
 * CURLE_WRITE_ERROR. Counted after decompression, so a gzip bomb stops too. */
static size_t on_body(char *data, size_t one, size_t count, void *user)
{
    struct http_client *c = user;
    size_t n = one * count;
    if (c->size + n > (size_t)c->max_bytes) {
        c->too_large = true;
        return 0;
    }
    if (c->size + n + 1 > c->capacity) {
        size_t capacity = c->capacity ? c->capacity : 64 * 1024;
        while (capacity < c->size + n + 1)
            capacity *= 2;
        char *grown = realloc(c->body, capacity);
        if (!grown)
            return 0;
        c->body = grown;
        c->capacity = capacity;
    }
    memcpy(c->body + c->size, data, n);
    c->size += n;
    c->body[c->size] = '\0';
    return n;
}

static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const struct http_client *c = user;
    return c->stop && atomic_load(c->stop) ? 1 : 0;
}

static bool set_fixed_options(struct http_client *c, const struct fetch_config *s)
{
    CURL *h = c->curl;
    bool ok = true;
    ok &= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK; /* we run in a thread */
    ok &= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->curl_error) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_WRITEDATA, c) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_XFERINFODATA, c) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "") == CURLE_OK; /* all curl decodes: gzip, deflate */
    ok &= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)s->connect_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)s->total_timeout_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)s->low_speed_bytes) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)s->low_speed_seconds) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max_bytes) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)s->max_redirects) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
    ok &= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
    if (c->ca_file[0])
        ok &= curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file) == CURLE_OK;
    return ok;
}

struct http_client *http_client_create(const struct fetch_config *settings, const atomic_bool *stop)
{
    struct http_client *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->max_bytes = settings->max_bytes;
    c->max_redirects = settings->max_redirects;
    c->stop = stop;
    c->user_agent = strdup(settings->user_agent ? settings->user_agent : "ticker");
    c->ca_file = strdup(settings->ca_file ? settings->ca_file : "");
    c->curl = curl_easy_init();
    if (!c->user_agent || !c->ca_file || !c->curl || !set_fixed_options(c, settings)) {
        http_client_destroy(c);
        return NULL;
    }
    return c;
}

void http_client_destroy(struct http_client *c)
{
    if (!c)
        return;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    curl_slist_free_all(c->headers);
    free(c->user_agent);
    free(c->ca_file);
    free(c->body);
    free(c);
}

void http_response_clear(struct http_response *r)
{
    free(r->body);
    free(r->etag);
    free(r->last_modified);
    memset(r, 0, sizeof *r);
}

static bool set_conditions(struct http_client *c, const char *etag, const char *last_modified)
{
    curl_slist_free_all(c->headers);
    c->headers = NULL;
    char line[1024];
    if (etag && etag[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", etag);
        struct curl_slist *grown = curl_slist_append(c->headers, line);
        if (!grown)
            return false;
        c->headers = grown;
    }
    if (last_modified && last_modified[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", last_modified);
        struct curl_slist *grown = curl_slist_append(c->headers, line);
        if (!grown)
            return false;
        c->headers = grown;
    }
    return curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, c->headers) == CURLE_OK;
}

/* The header of the last response in a redirect chain, or "". */
static char *copy_header(CURL *curl, const char *name)
{
    struct curl_header *header = NULL;
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header && header->value)
        return strdup(header->value);
    return strdup("");
}

static void describe_failure(const struct http_client *c, CURLcode code, char *out, size_t size)
{
    const char *detail = c->curl_error[0] ? c->curl_error : curl_easy_strerror(code);
    switch (code) {
    case CURLE_WRITE_ERROR:
        if (c->too_large) {
            snprintf(out, size, "response larger than the cap of %ld bytes, aborted", c->max_bytes);
            return;
        }
        break;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(out, size, "response larger than the cap of %ld bytes (Content-Length), refused", c->max_bytes);
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(out, size, "cannot resolve the host (%s)", detail);
        return;
    case CURLE_COULDNT_CONNECT:
        snprintf(out, size, "cannot connect (%s)", detail);
        return;
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(out, size, "timed out (%s)", detail);
        return;
    case CURLE_PARTIAL_FILE:
        snprintf(out, size, "truncated body: the connection closed early (%s)", detail);
        return;
    case CURLE_UNSUPPORTED_PROTOCOL:
        snprintf(out, size, "refused: only http and https are allowed, also in redirects (%s)", detail);
        return;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(out, size, "more than %ld redirects (%s)", c->max_redirects, detail);
        return;
    case CURLE_ABORTED_BY_CALLBACK:
        snprintf(out, size, "stopped (the program is shutting down)");
        return;
    default:
        break;
    }
    snprintf(out, size, "%s (%s)", curl_easy_strerror(code), detail);
}

/* A failed transfer's bytes are never kept: a 20 MB partial must not stay
 * resident until the next cycle. */
static void drop_body(struct http_client *c)
{
    free(c->body);
    c->body = NULL;
    c->size = c->capacity = 0;
}

static void take_body(struct http_client *c, struct http_response *r)
{
    if (c->body) {
        r->body = c->body;
        r->size = c->size;
    } else {
        r->body = strdup("");
        r->size = 0;
    }
    c->body = NULL;
    c->size = c->capacity = 0;
}

bool http_get(struct http_client *c, const char *url, const char *etag, const char *last_modified,
              struct http_response *r)
{
    memset(r, 0, sizeof *r);
    r->outcome = HTTP_FAILED;
    c->size = 0;
    c->too_large = false;
    c->curl_error[0] = '\0';
    if (!set_conditions(c, etag, last_modified) || curl_easy_setopt(c->curl, CURLOPT_URL, url) != CURLE_OK) {
        snprintf(r->error, sizeof r->error, "cannot set up the request (out of memory or a bad URL)");
        return false;
    }
    CURLcode code = curl_easy_perform(c->curl);
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(c->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
        r->retry_after_seconds = retry_after > HTTP_MAX_RETRY_AFTER_SECONDS ? HTTP_MAX_RETRY_AFTER_SECONDS : (long)retry_after;
    if (code != CURLE_OK) {
        describe_failure(c, code, r->error, sizeof r->error);
        drop_body(c);
        return false;
    }
    if (r->status == 304) {
        drop_body(c);
        r->outcome = HTTP_NOT_MODIFIED;
        return true;
    }
    if (r->status < 200 || r->status > 299) {
        drop_body(c);
        if (r->retry_after_seconds)
            snprintf(r->error, sizeof r->error, "HTTP %ld (server asks to retry after %ld s)", r->status,
                     r->retry_after_seconds);
        else
            snprintf(r->error, sizeof r->error, "HTTP %ld", r->status);
        return false;
    }
    r->etag = copy_header(c->curl, "ETag");
    r->last_modified = copy_header(c->curl, "Last-Modified");
    take_body(c, r);
    if (!r->etag || !r->last_modified || !r->body) {
        http_response_clear(r);
        r->outcome = HTTP_FAILED;
        snprintf(r->error, sizeof r->error, "out of memory");
        return false;
    }
    r->outcome = HTTP_BODY;
    return true;
}
