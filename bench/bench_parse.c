/* bench_parse: how fast a big feed becomes items, next to `xmllint --noout`
 * on the same file as the floor (libxml2 parsing and nothing else).
 * Generates a ~10 MB RSS 2.0 feed of Vietnamese items shaped like
 * VnExpress / Tuổi Trẻ ones (CDATA descriptions with <a><img></a></br>,
 * GMT+7 dates, categories) in a temp directory. Each run happens in a child
 * process so its peak RSS is its own. Prints figures; never fails on speed.
 * Usage: bench_parse [MEGABYTES] (default 10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/config.h"
#include "ingest/feed.h"
#include "ingest/source.h"

static const char *const titles[] = {
    "Hội đàm quốc phòng Việt Nam - Singapore tại Hà Nội",
    "Tham vấn chiến lược ngoại giao - quốc phòng Việt Nam - Nhật Bản",
    "[Infographic] Triển lãm quốc phòng qua những con số",
    "[Video] Màn trình diễn bay của phi đội trực thăng",
    "Doanh nghiệp giới thiệu thiết bị bay không người lái thế hệ mới",
    "Ra mắt tuyến buýt điện mới ở Hà Nội",
    "Đối thoại an ninh khu vực: hợp tác ứng phó thiên tai",
    "Giá dầu tăng phiên thứ ba liên tiếp",
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_whole(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    long length = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (length >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)length + 1))) {
        *size = fread(data, 1, (size_t)length, f);
        data[*size] = '\0';
    }
    fclose(f);
    return data;
}

static size_t write_feed(const char *path, size_t target_bytes)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    size_t items = 0;
    long bytes = fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
                            "<title>Tin tức tổng hợp</title>\n<link>https://example.vn/</link>\n<ttl>15</ttl>\n");
    while ((size_t)bytes < target_bytes) {
        const char *title = titles[items % 8];
        bytes += fprintf(f,
                         "<item>\n<title><![CDATA[%s]]></title>\n"
                         "<link>https://example.vn/tin-tuc/bai-%zu.html</link>\n"
                         "<guid>https://example.vn/tin-tuc/bai-%zu.html</guid>\n"
                         "<description><![CDATA[<a href=\"https://example.vn/tin-tuc/bai-%zu.html\"><img "
                         "src=\"https://cdn.example.vn/anh/%zu.jpg\" ></a></br>Hai bên trao đổi về tình hình khu vực, "
                         "nhất trí thúc đẩy hợp tác đào tạo, quân y, cứu hộ cứu nạn và gìn giữ hòa bình &amp; an ninh "
                         "mạng trong thời gian tới.]]></description>\n"
                         "<pubDate>Wed, %02zu Jul 2025 %02zu:%02zu:00 GMT+7</pubDate>\n"
                         "<category>%s</category>\n</item>\n",
                         title, items, items, items, items, items % 28 + 1, items % 24, items % 60,
                         items % 3 ? "Thời sự" : "Đối ngoại");
        items++;
    }
    fputs("</channel>\n</rss>\n", f);
    return fclose(f) == 0 ? items : 0;
}

/* Runs job in a child; returns its peak RSS in kB (or -1). */
static long in_child(void (*job)(const char *), const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        job(path);
        fflush(stdout);
        _exit(0);
    }
    int status;
    struct rusage usage;
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        return -1;
    return usage.ru_maxrss;
}

static void report(const char *what, double seconds, size_t items, size_t bytes)
{
    printf("  %-34s %7.3f s  %9.0f items/s  %6.1f MB/s\n", what, seconds, items / seconds,
           (double)bytes / (1024 * 1024) / seconds);
}

static void run_feed_parse(const char *path)
{
    size_t size;
    char *data = read_whole(path, &size);
    if (!data)
        _exit(1);
    double best = 1e9;
    size_t count = 0;
    for (int round = 0; round < 3; round++) {
        struct item_list *items = item_list_create();
        char err[512];
        double start = now_seconds();
        if (!feed_parse("bench", data, size, items, NULL, err, sizeof err))
            _exit(1);
        double took = now_seconds() - start;
        best = took < best ? took : best;
        count = items->count;
        item_list_destroy(items);
    }
    report("feed_parse (best of 3)", best, count, size);
    free(data);
}

static void run_source_parse(const char *path)
{
    size_t size;
    char *data = read_whole(path, &size);
    struct config *config = config_create();
    struct item_list *items = item_list_create();
    char err[512];
    double start = now_seconds();
    if (!data || !config || !source_parse_buffer("bench", data, size, &config->rules, items, err, sizeof err))
        _exit(1);
    report("source_parse_buffer (+ classify)", now_seconds() - start, items->count, size);
    item_list_destroy(items);
    config_destroy(config);
    free(data);
}

static void run_xmllint(const char *path)
{
    double start = now_seconds();
    pid_t pid = fork();
    if (pid == 0) {
        execlp("xmllint", "xmllint", "--noout", path, (char *)NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
        printf("  xmllint --noout: not run (install libxml2-utils)\n");
        return;
    }
    double took = now_seconds() - start;
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    printf("  %-34s %7.3f s  %9s items/s  %6.1f MB/s\n", "xmllint --noout (floor)", took, "-",
           (double)size / (1024 * 1024) / took);
}

int main(int argc, char **argv)
{
    double megabytes = argc > 1 ? atof(argv[1]) : 10;
    if (megabytes <= 0 || megabytes > 1000) {
        fprintf(stderr, "usage: bench_parse [MEGABYTES]\n");
        return 2;
    }
    char dir[] = "/tmp/ticker-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char path[64];
    snprintf(path, sizeof path, "%s/feed.rss", dir);
    size_t items = write_feed(path, (size_t)(megabytes * 1024 * 1024));
    printf("bench_parse: %.1f MB RSS 2.0 feed, %zu items (%s)\n", megabytes, items, path);
    long rss;
    if ((rss = in_child(run_feed_parse, path)) >= 0)
        printf("    peak RSS %ld kB (the file itself is held in memory too)\n", rss);
    if ((rss = in_child(run_source_parse, path)) >= 0)
        printf("    peak RSS %ld kB\n", rss);
    if ((rss = in_child(run_xmllint, path)) >= 0)
        printf("    peak RSS %ld kB (fork + xmllint)\n", rss);
    unlink(path);
    rmdir(dir);
    return 0;
}
