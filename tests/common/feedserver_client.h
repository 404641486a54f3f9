/* For the C tests: start tests/feedserver.py on 127.0.0.1, talk to its
 * control paths (/mode, /stats), stop it. Header-only so the test CMake glob
 * needs no change; include from one test file each. */
#ifndef TICKER_FEEDSERVER_CLIENT_H
#define TICKER_FEEDSERVER_CLIENT_H

#include <curl/curl.h>
#include <stdbool.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live/fetch/reader.h"

struct feedserver {
    pid_t pid;
    int stdin_fd; /* closing it ends the server */
    int port;
};

static inline bool feedserver_start(struct feedserver *server)
{
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0)
        return false;
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
        execlp("python3", "python3", TICKER_SOURCE_DIR "/tests/common/feedserver.py", (char *)NULL);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    char line[32] = "";
    size_t len = 0;
    while (len < sizeof line - 1 && read(from_child[0], line + len, 1) == 1 && line[len] != '\n')
        len++;
    line[len] = '\0';
    close(from_child[0]);
    server->pid = pid;
    server->stdin_fd = to_child[1];
    server->port = atoi(line);
    return server->port > 0;
}

static inline void feedserver_stop(struct feedserver *server)
{
    close(server->stdin_fd);
    kill(server->pid, SIGTERM);
    waitpid(server->pid, NULL, 0);
}

/* A cmocka group's set-up and tear-down around one server: libcurl's and
 * libxml2's global state first, as main() does, then the server. */
static inline int feedserver_group_setup(struct feedserver *server)
{
    return reader_global_init() && feedserver_start(server) ? 0 : -1;
}

static inline int feedserver_group_teardown(struct feedserver *server)
{
    feedserver_stop(server);
    reader_global_cleanup();
    return 0;
}

static inline void feedserver_url(const struct feedserver *server, const char *path, char *out, size_t size)
{
    snprintf(out, size, "http://127.0.0.1:%d%s", server->port, path);
}

static size_t feedserver_collect(char *data, size_t one, size_t count, void *user)
{
    char **buf = user;
    size_t old = *buf ? strlen(*buf) : 0, n = one * count;
    char *grown = realloc(*buf, old + n + 1);
    if (!grown)
        return 0;
    memcpy(grown + old, data, n);
    grown[old + n] = '\0';
    *buf = grown;
    return n;
}

/* GET a control path; returns the body (caller frees) or NULL. */
static inline char *feedserver_get(const struct feedserver *server, const char *path)
{
    char url[512];
    feedserver_url(server, path, url, sizeof url);
    CURL *curl = curl_easy_init();
    char *body = NULL;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, feedserver_collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) {
        free(body);
        return NULL;
    }
    return body;
}

static inline bool feedserver_set_mode(const struct feedserver *server, const char *name, const char *mode)
{
    char path[256];
    snprintf(path, sizeof path, "/mode?name=%s&to=%s", name, mode);
    char *body = feedserver_get(server, path);
    bool ok = body && strcmp(body, "ok") == 0;
    free(body);
    return ok;
}

/* A number from /stats: key, or key.sub for a nested object (sub may hold '/'). */
static inline long feedserver_stat(const struct feedserver *server, const char *key, const char *sub)
{
    char *body = feedserver_get(server, "/stats");
    json_object *root = body ? json_tokener_parse(body) : NULL, *value = NULL;
    long out = -1;
    if (root && json_object_object_get_ex(root, key, &value)) {
        if (sub && !json_object_object_get_ex(value, sub, &value))
            value = NULL;
        if (value)
            out = (long)json_object_get_int64(value);
    }
    json_object_put(root);
    free(body);
    return out;
}

/* A request header the server last saw on path, or "" (caller frees). */
static inline char *feedserver_last_header(const struct feedserver *server, const char *path, const char *header)
{
    char *body = feedserver_get(server, "/stats");
    json_object *root = body ? json_tokener_parse(body) : NULL, *headers, *on_path, *value;
    const char *text = "";
    if (root && json_object_object_get_ex(root, "headers", &headers) &&
        json_object_object_get_ex(headers, path, &on_path) && json_object_object_get_ex(on_path, header, &value))
        text = json_object_get_string(value);
    char *copy = strdup(text ? text : "");
    json_object_put(root);
    free(body);
    return copy;
}

#endif
