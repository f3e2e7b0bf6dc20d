/*
 * cli/progress.c -- a one-line progress display on stderr while URLs are
 * fetched: done/total, failures, the host of the last finished URL.
 * Shown only when stderr is a terminal and -q is not given; redrawn at
 * most every 100 ms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crawler/fetch.h"

#define PROGRESS_BAR 24
#define PROGRESS_HOST 40
#define PROGRESS_EVERY_MS 100

struct cli_progress {
    size_t total, done, failed;
    char host[PROGRESS_HOST + 1];
    long long last_ms;
    FILE *out;
};

static long long mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct cli_progress *cli_progress_new(const struct cc_config *c, size_t total)
{
    struct cli_progress *pg;

    if (c->quiet || total == 0 || !isatty(fileno(stderr)))
        return NULL;
    pg = cc_calloc(1, sizeof *pg);
    pg->total = total;
    pg->out = stderr;
    return pg;
}

/* The host of url without userinfo, printable ASCII only, cut to fit. */
static void set_host(struct cli_progress *pg, const char *url)
{
    const char *a = url ? strstr(url, "://") : NULL, *e, *at;
    size_t k = 0;

    pg->host[0] = '\0';
    if (!a)
        return;
    a += 3;
    e = a + strcspn(a, "/?#");
    for (at = a; at < e; at++)
        if (*at == '@')
            a = at + 1;                 /* never show credentials */
    for (; a < e && k < PROGRESS_HOST; a++)
        if (*a > 0x20 && *a < 0x7f)
            pg->host[k++] = *a;
    pg->host[k] = '\0';
}

static void draw(struct cli_progress *pg)
{
    size_t fill = pg->total ? pg->done * PROGRESS_BAR / pg->total : 0;
    char bar[PROGRESS_BAR + 1];

    memset(bar, '#', fill);
    memset(bar + fill, '.', PROGRESS_BAR - fill);
    bar[PROGRESS_BAR] = '\0';
    fprintf(pg->out, "\r\033[K[%s] %zu/%zu", bar, pg->done, pg->total);
    if (pg->failed)
        fprintf(pg->out, ", %zu failed", pg->failed);
    if (pg->host[0])
        fprintf(pg->out, "  %s", pg->host);
    fflush(pg->out);
}

void cli_progress_step(struct cli_progress *pg, const struct fetch_result *r)
{
    long long now;

    if (!pg)
        return;
    pg->done++;
    if (r->error || r->status >= 400)
        pg->failed++;
    set_host(pg, r->url);
    now = mono_ms();
    if (pg->done == pg->total || now - pg->last_ms >= PROGRESS_EVERY_MS) {
        pg->last_ms = now;
        draw(pg);
    }
}

void cli_progress_free(struct cli_progress **pg)
{
    if (!pg || !*pg)
        return;
    fputs("\r\033[K", (*pg)->out);      /* leave a clean line behind */
    fflush((*pg)->out);
    free(*pg);
    *pg = NULL;
}
