/*
 * cli/check.c -- `citecheck check`: the whole pipeline.
 *
 *   documents -> claims                       (parser/document, verify)
 *   references -> responses -> pages -> facts (crawler, db cache, parser/html,
 *                                              verify/extract)
 *   claims x facts -> findings -> report      (verify/check, db, report)
 *
 * Every input is read and parsed before the database is opened, so bad
 * input leaves nothing behind.  Responses are stored as they arrive; a
 * document and its findings are stored in one transaction.
 *
 * Pages are read while the rest is still being fetched: each finished
 * response (or one reused from the database) goes to a pool of reader
 * threads, one per online core, through a bounded queue; a reader parses
 * the page, extracts its facts and frees the raw body.  Readers touch
 * only their own job, never the database: the main thread stores the
 * responses in batches as they arrive, and with each batch the pages read
 * so far, in job order, so the database, the findings and the report do
 * not depend on thread timing.
 *
 * --archive (dead or changed sources read from an archived copy) lives in
 * check_archive.c; the types both files use in check_int.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "cli/check_int.h"
#include "crawler/fetch.h"
#include "crawler/soft404.h"
#include "db/db.h"
#include "parser/document.h"
#include "parser/page.h"
#include "report/report.h"
#include "verify/check.h"
#include "verify/extract.h"

static void readers_add(struct readers *rd, size_t i);
static pthread_mutex_t *readers_lock(struct readers *rd);
static cc_result store_ready(struct pipeline *p, char *err, size_t errlen);

/* URL -> job: open addressing over p->jobs (a slot holds index + 1), at
 * most half full; a run citing 5,000 pages looks URLs up 15,000 times. */
static size_t url_hash(const char *s)
{
    return (size_t)XXH64(s, strlen(s), 0);   /* libxxhash, as db/ uses */
}

static void index_job(struct pipeline *p, size_t i)
{
    size_t k = url_hash(p->jobs[i].url) & (p->ncells - 1);

    while (p->cells[k])
        k = (k + 1) & (p->ncells - 1);
    p->cells[k] = i + 1;
}

/* Add p->jobs[njobs - 1] to the index, doubling it when half full. */
static void index_add(struct pipeline *p)
{
    if (2 * p->njobs > p->ncells) {
        free(p->cells);
        p->ncells = p->ncells ? 2 * p->ncells : 64;
        p->cells = cc_calloc(p->ncells, sizeof *p->cells);
        for (size_t i = 0; i < p->njobs; i++)
            index_job(p, i);
    } else {
        index_job(p, p->njobs - 1);
    }
}

static struct job *find_job(struct pipeline *p, const char *url)
{
    if (p->ncells == 0)
        return NULL;
    for (size_t k = url_hash(url) & (p->ncells - 1); p->cells[k];
         k = (k + 1) & (p->ncells - 1))
        if (strcmp(p->jobs[p->cells[k] - 1].url, url) == 0)
            return &p->jobs[p->cells[k] - 1];
    return NULL;
}

static cc_result load_documents(struct pipeline *p, char *err, size_t errlen)
{
    const struct cc_config *c = p->c;

    if (p->hooks && p->hooks->docs) {
        /* recheck: documents already loaded or rebuilt; the pipeline
         * owns them from here */
        p->docs = p->hooks->docs;
        p->ndocs = p->hooks->ndocs;
        return CC_OK;
    }
    if (c->ninputs == 0) {
        cc_errf(err, errlen, "check: no article given (see citecheck check "
                             "--help)");
        return CC_EUSAGE;
    }
    p->docs = cc_calloc(c->ninputs, sizeof *p->docs);
    for (size_t i = 0; i < c->ninputs; i++) {
        cc_result result = doc_load(c->inputs[i], &p->docs[i], err, errlen);

        if (result != CC_OK)
            return result == CC_ENOMEM ? result : CC_EUSAGE;
        p->ndocs++;
        if (p->docs[i]->nrefs == 0) {
            cc_errf(err, errlen, "%s: no references found (nothing to check "
                                 "the article against)", c->inputs[i]);
            return CC_EUSAGE;
        }
        for (size_t r = 0; r < p->docs[i]->nrefs; r++) {
            const struct doc_ref *ref = &p->docs[i]->refs[r];

            if (ref->url_error && !c->quiet)
                fprintf(stderr, "citecheck: %s:%d: reference %s: %s\n",
                        c->inputs[i], ref->url_line ? ref->url_line : ref->line,
                        ref->label, ref->url_error);
        }
    }
    return CC_OK;
}

static void plan_jobs(struct pipeline *p)
{
    size_t cap = 0;

    for (size_t d = 0; d < p->ndocs; d++) {
        for (size_t r = 0; r < p->docs[d]->nrefs; r++) {
            const struct doc_ref *ref = &p->docs[d]->refs[r];
            char *url;

            if (!ref->url)
                continue;
            url = cfg_map_url(p->c, ref->url);
            if (find_job(p, url)) {
                free(url);
                continue;
            }
            p->jobs = cc_grow(p->jobs, &cap, p->njobs + 1, sizeof *p->jobs);
            memset(&p->jobs[p->njobs], 0, sizeof *p->jobs);
            p->jobs[p->njobs].url = url;
            p->jobs[p->njobs].ref_date = ref->date;
            p->njobs++;
            index_add(p);
        }
    }
}

static long long mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Job j's response is in the database: its body may go once it is read
 * too (by a reader thread, or later). */
static void job_stored(struct pipeline *p, struct job *j)
{
    if (p->readers)
        pthread_mutex_lock(readers_lock(p->readers));
    j->stored = true;
    if (j->read) {
        free(j->r.body);
        j->r.body = NULL;
    }
    if (p->readers)
        pthread_mutex_unlock(readers_lock(p->readers));
}

/* Store job j's fetched response (inside the open batch); readers may be
 * reading j->r at the same time, so it is only read here. */
static cc_result store_fetched(struct pipeline *p, struct job *j)
{
    struct fetch_result row = j->r;     /* shallow: the stored row */
    int changed = -1;
    cc_result result;

    if (j->not_modified)
        row.status = 304;
    result = db_fetch_store(p->db, p->run_id, &row, &j->fetch_id,
                            p->store_err, sizeof p->store_err);
    if (result == CC_OK && !row.error && row.body)
        result = db_fetch_changed(p->db, j->fetch_id, &changed, p->store_err,
                                  sizeof p->store_err);
    j->changed = changed == 1;
    if (result == CC_OK)
        job_stored(p, j);
    return result;
}

/* Store the waiting responses and the pages read so far in one
 * transaction.  After a failure the batch is rolled back and
 * p->store_result holds the error. */
static void flush_fetched(struct pipeline *p)
{
    cc_result result = p->store_result;

    if (p->npending == 0)
        return;
    if (result == CC_OK)
        result = db_batch_begin(p->db, p->store_err, sizeof p->store_err);
    if (result == CC_OK) {
        for (size_t k = 0; k < p->npending && result == CC_OK; k++)
            result = store_fetched(p, &p->jobs[p->pending[k]]);
        if (result == CC_OK)
            result = store_ready(p, p->store_err, sizeof p->store_err);
        result = db_batch_end(p->db, result, p->store_err,
                              sizeof p->store_err);
    }
    p->npending = 0;
    p->pending_bytes = 0;
    p->store_result = result;
}

/* A finished fetch moves into its job (fetch_run is done with its element
 * of todo, which get_responses then leaves alone), goes to the readers at
 * once and waits for the next batch to be stored. */
static void on_fetched(struct fetch_result *r, size_t index, void *ud)
{
    struct pipeline *p = ud;
    size_t ji = p->todo_job[index];
    struct job *j = &p->jobs[ji];

    cli_progress_step(p->progress, r);
    if (p->store_result != CC_OK)
        return;
    if (r->status == 304 && !r->error && j->stale.body) {
        /* not modified: the stored body is this response's body, and the
         * 304 row stores it, so a later lookup never gets a bare 304; the
         * job reads it with the reused response's status */
        free(r->body);
        r->body = cc_malloc(j->stale.body_len + 1);
        memcpy(r->body, j->stale.body, j->stale.body_len + 1);
        r->body_len = j->stale.body_len;
        if (!r->content_type)
            r->content_type = cc_strdup(j->stale.content_type);
        if (!r->resp_etag)
            r->resp_etag = cc_strdup(j->stale.resp_etag);
        if (!r->resp_last_modified)
            r->resp_last_modified = cc_strdup(j->stale.resp_last_modified);
        r->status = j->stale.status;
        j->not_modified = true;
    }
    fetch_result_clear(&j->r);
    j->r = *r;
    memset(r, 0, sizeof *r);
    fetch_result_clear(&j->stale);
    if (p->npending == 0)
        p->first_ms = mono_ms();
    p->pending[p->npending++] = ji;
    p->pending_bytes += j->r.body_len;
    readers_add(p->readers, ji);
    if (p->npending == CHECK_BATCH_ROWS ||
        p->pending_bytes >= CHECK_BATCH_BYTES ||
        mono_ms() - p->first_ms >= CHECK_BATCH_MS)
        flush_fetched(p);
}

/* Responses: from the database when fresh enough (always with --offline),
 * else fetched concurrently; fetched responses are stored as they arrive
 * (flush_fetched).  Every job goes to the readers. */
static cc_result get_responses(struct pipeline *p, char *err, size_t errlen)
{
    const struct cc_config *c = p->c;
    struct fetch_result *todo;
    size_t ntodo = 0;
    struct fetch_opts fo;
    struct fetch_robots_cache rcache;
    struct cli_robots rdb;
    cc_result result = CC_OK;

    p->todo_job = cc_calloc(p->njobs ? p->njobs : 1, sizeof *p->todo_job);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];
        bool found = false;

        /* --replay: every response comes from the WARC file; --max-age 0
         * trusts no stored response (each is revalidated) */
        if (!c->replay && (c->offline || c->max_age > 0))
            result = db_fetch_lookup(p->db, j->url,
                                     c->offline ? -1 : c->max_age, &j->r,
                                     &found, &j->fetch_id, err, errlen);
        if (result != CC_OK)
            return result;
        if (found) {
            j->cached = true;
            free(j->r.url);
            j->r.url = cc_strdup(j->url);
            /* --warc: the file must replay the whole run */
            result = cli_fetcher_record(&p->fetcher, &j->r, err, errlen);
            if (result != CC_OK)
                return result;
            j->stored = true;
            readers_add(p->readers, i);
        } else if (c->offline && !c->replay) {
            j->error = cc_strdup("offline: no stored response for this URL");
            j->stored = true;
            readers_add(p->readers, i);     /* nothing to read: keeps the
                                             * order of stores moving */
        } else {
            bool old = false;

            /* an older stored response makes the request conditional;
             * not with --warc, whose file must hold whole responses (a
             * 304 there would replay without its body) */
            if (!c->replay && !c->warc)
                result = db_fetch_lookup(p->db, j->url, -1, &j->stale, &old,
                                         NULL, err, errlen);
            if (result != CC_OK)
                return result;
            if (old && (j->stale.status < 200 || j->stale.status >= 300))
                fetch_result_clear(&j->stale);
            p->todo_job[ntodo++] = i;
        }
    }
    if (ntodo == 0)
        return CC_OK;
    todo = cc_calloc(ntodo, sizeof *todo);
    for (size_t k = 0; k < ntodo; k++) {
        const struct job *j = &p->jobs[p->todo_job[k]];

        todo[k].url = cc_strdup(j->url);
        if (j->stale.body) {
            todo[k].etag = cc_strdup(j->stale.resp_etag);
            todo[k].last_modified = cc_strdup(j->stale.resp_last_modified);
        }
    }
    cli_fetch_opts(c, &fo);
    cli_robots_cache(&rdb, p->db, NULL, &rcache);
    fo.robots_cache = &rcache;
    p->progress = cli_progress_new(c, ntodo);
    result = cli_fetcher_run(&p->fetcher, &fo, todo, ntodo, on_fetched, p,
                             err, errlen);
    flush_fetched(p);
    cli_progress_free(&p->progress);
    for (size_t k = 0; k < ntodo; k++) {
        struct job *j = &p->jobs[p->todo_job[k]];

        if (!todo[k].url)
            continue;           /* moved into the job by on_fetched */
        fetch_result_clear(&j->r);
        j->r = todo[k];
        if (j->r.status == 304 && !j->r.error && j->stale.body)
            j->r.status = j->stale.status;  /* the reused response's */
    }
    free(todo);
    if (result == CC_OK && p->store_result != CC_OK) {
        cc_errf(err, errlen, "%s", p->store_err);
        result = p->store_result;
    }
    return result;
}

static bool is_pdf(const char *ct, const char *body, size_t len)
{
    return (ct && strncasecmp(ct, "application/pdf", 15) == 0) ||
           (len >= 5 && memcmp(body, "%PDF-", 5) == 0);
}

static bool readable_type(const char *ct)
{
    static const char *const ok[] = {"text/html", "application/xhtml+xml",
                                     "text/plain"};

    if (!ct || !*ct)
        return true;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strncasecmp(ct, ok[i], strlen(ok[i])) == 0)
            return true;
    return false;
}

/* poppler is not known to be safe on two documents at once: PDF sources
 * (rare) are converted one at a time. */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

/* Page and facts of one usable response (j->r); a response that cannot
 * be used gets j->error.  A 200 page that is really "not found" (a soft
 * 404, crawler/soft404.c) is treated as a dead link.  The caller frees
 * the raw body afterwards (once the database holds it).  With
 * share_text, the page's text becomes a view into j->fact_text, so the
 * run holds each page's text once (j->text_shared; pipeline_free detaches
 * it before page_free).  Reads j->r and writes only the job's own page
 * fields, so reader threads run it on different jobs at once (and the main
 * thread may store j->r meanwhile). */
static void parse_job(struct job *j, bool share_text)
{
    struct extract_opts xo;
    char why[CC_ERRLEN];
    cc_result result;

    if (j->error || j->r.error || j->r.status < 200 || j->r.status >= 300 ||
        !j->r.body)
        return;
    if (is_pdf(j->r.content_type, j->r.body, j->r.body_len)) {
        /* a PDF source: its text (poppler, parser/document_pdf.c) is read
         * like a plain-text page */
        char *text = NULL;
        size_t tlen = 0;

        pthread_mutex_lock(&pdf_lock);
        result = doc_pdf_to_text(j->r.body, j->r.body_len, &text, &tlen, why,
                                 sizeof why);
        pthread_mutex_unlock(&pdf_lock);
        if (result != CC_OK) {
            j->error = cc_asprintf("pdf: %s", why);
            return;
        }
        result = page_parse(text, tlen, "text/plain; charset=utf-8",
                            j->r.final_url ? j->r.final_url : j->url,
                            &j->page, why, sizeof why);
        free(text);
    } else if (!readable_type(j->r.content_type)) {
        j->error = cc_asprintf("type: unsupported content type %s",
                               j->r.content_type);
        return;
    } else {
        result = page_parse(j->r.body, j->r.body_len, j->r.content_type,
                            j->r.final_url ? j->r.final_url : j->url,
                            &j->page, why, sizeof why);
    }
    if (result != CC_OK) {
        j->error = cc_asprintf("page: %s", why);
        return;
    }
    if (soft404_check(j->url, j->r.final_url, j->page->title, j->page->text,
                      why, sizeof why)) {
        j->error = cc_asprintf("soft 404: %s", why);
        page_free(&j->page);
        return;
    }
    {
        /* the title, a blank line, the text */
        const char *title = j->page->title ? j->page->title : "";
        size_t tl = strlen(title), xl = strlen(j->page->text);

        if (share_text && xl == j->page->text_len) {
            /* the page's text buffer grows into the fact text (no second
             * copy of the text held while both exist) */
            j->fact_text = cc_realloc(j->page->text, tl + 2 + xl + 1);
            memmove(j->fact_text + tl + 2, j->fact_text, xl + 1);
            j->page->text = j->fact_text + tl + 2;
            j->text_shared = true;
        } else {
            j->fact_text = cc_malloc(tl + 2 + xl + 1);
            memcpy(j->fact_text + tl + 2, j->page->text, xl + 1);
        }
        memcpy(j->fact_text, title, tl);
        memcpy(j->fact_text + tl, "\n\n", 2);
    }
    memset(&xo, 0, sizeof xo);
    xo.ref_date = j->page->published;
    result = extract_text(j->fact_text, strlen(j->fact_text), &xo,
                          &j->facts, why, sizeof why);
    if (result != CC_OK)
        j->warning = cc_asprintf("%s: %s (figures found before it are kept)",
                                 j->url, why);
}

static void print_warning(const struct pipeline *p, const struct job *j)
{
    if (j->warning && !p->c->quiet)
        fprintf(stderr, "citecheck: %s\n", j->warning);
}

/* The main thread's part of reading job j: its page row. */
static cc_result store_job(struct pipeline *p, struct job *j, char *err,
                           size_t errlen)
{
    if (j->page && j->fetch_id)
        return db_page_store(p->db, j->fetch_id, j->page, &j->facts, err,
                             errlen);
    return CC_OK;
}

/* Read job j on this thread and store its page (check_int.h). */
cc_result cli_check_read_job(struct pipeline *p, struct job *j, char *err,
                             size_t errlen)
{
    parse_job(j, false);
    free(j->r.body);            /* stored by archive_fetch */
    j->r.body = NULL;
    print_warning(p, j);
    return store_job(p, j, err, errlen);
}

/* ---- reader threads --------------------------------------------------- */

/* A fixed pool of threads reading queued jobs (parse_job).  The queue is a
 * ring of job indexes with room for READERS_QUEUE_PER_THREAD jobs per
 * thread: when it is full, readers_add waits, which holds the fetch loop
 * back, so at most that many raw bodies wait beside the transfers in
 * flight.  It is deep enough to keep the readers busy while the main
 * thread is held up storing a batch (a WAL checkpoint writes and syncs
 * tens of MB; with 4 jobs per thread the readers ran dry then). */
struct readers {
    struct pipeline *p;
    pthread_t *threads;
    size_t nthreads;
    pthread_mutex_t lock;
    pthread_cond_t work;        /* a job was queued, or stop was set */
    pthread_cond_t room;        /* a job left the queue */
    size_t *ring;
    size_t cap, head, n;
    bool stop;                  /* no more jobs: exit once the queue is empty */
};

#define READERS_MAX 64
#define READERS_QUEUE_PER_THREAD 32

static pthread_mutex_t *readers_lock(struct readers *rd)
{
    return &rd->lock;
}

/* Threads: CITECHECK_PARSE_THREADS (1..64; for tests and measurements,
 * see README's Benchmark), else one per online core. */
static size_t readers_count(void)
{
    const char *env = getenv("CITECHECK_PARSE_THREADS");
    long n = 0;

    if (env && *env) {
        char *end;

        n = strtol(env, &end, 10);
        if (*end)
            n = 0;
    }
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > READERS_MAX ? READERS_MAX : (size_t)n;
}

static void *reader_main(void *arg)
{
    struct readers *rd = arg;

    pthread_mutex_lock(&rd->lock);
    for (;;) {
        size_t i;

        while (rd->n == 0 && !rd->stop)
            pthread_cond_wait(&rd->work, &rd->lock);
        if (rd->n == 0)
            break;
        i = rd->ring[rd->head];
        rd->head = (rd->head + 1) % rd->cap;
        rd->n--;
        pthread_cond_signal(&rd->room);
        pthread_mutex_unlock(&rd->lock);
        parse_job(&rd->p->jobs[i], true);
        pthread_mutex_lock(&rd->lock);
        rd->p->jobs[i].read = true;
        if (rd->p->jobs[i].stored) {
            free(rd->p->jobs[i].r.body);
            rd->p->jobs[i].r.body = NULL;
        }
    }
    pthread_mutex_unlock(&rd->lock);
    return NULL;
}

/* Free a pool whose threads have ended (or never started). */
static void readers_destroy(struct readers *rd)
{
    pthread_cond_destroy(&rd->room);
    pthread_cond_destroy(&rd->work);
    pthread_mutex_destroy(&rd->lock);
    free(rd->threads);
    free(rd->ring);
    free(rd);
}

/* Start the pool; NULL when not even one thread could be started (every
 * job is then read on the main thread, by read_pages). */
static struct readers *readers_new(struct pipeline *p)
{
    struct readers *rd = cc_calloc(1, sizeof *rd);
    size_t want = readers_count();

    rd->p = p;
    rd->cap = want * READERS_QUEUE_PER_THREAD;
    rd->ring = cc_calloc(rd->cap, sizeof *rd->ring);
    rd->threads = cc_calloc(want, sizeof *rd->threads);
    pthread_mutex_init(&rd->lock, NULL);
    pthread_cond_init(&rd->work, NULL);
    pthread_cond_init(&rd->room, NULL);
    while (rd->nthreads < want &&
           pthread_create(&rd->threads[rd->nthreads], NULL, reader_main,
                          rd) == 0)
        rd->nthreads++;
    if (rd->nthreads == 0) {
        readers_destroy(rd);
        return NULL;
    }
    return rd;
}

/* Queue job index i (waiting while the queue is full); without a pool the
 * job is left for read_pages. */
static void readers_add(struct readers *rd, size_t i)
{
    if (!rd)
        return;
    rd->p->jobs[i].queued = true;
    pthread_mutex_lock(&rd->lock);
    while (rd->n == rd->cap)
        pthread_cond_wait(&rd->room, &rd->lock);
    rd->ring[(rd->head + rd->n) % rd->cap] = i;
    rd->n++;
    pthread_cond_signal(&rd->work);
    pthread_mutex_unlock(&rd->lock);
}

/* Let the readers finish every queued job, join them and free the pool;
 * *rdp is set to NULL.  With abandon (the run failed), jobs still queued
 * are dropped unread. */
static void readers_free(struct readers **rdp, bool abandon)
{
    struct readers *rd = *rdp;

    if (!rd)
        return;
    pthread_mutex_lock(&rd->lock);
    if (abandon)
        rd->n = 0;
    rd->stop = true;
    pthread_cond_broadcast(&rd->work);
    pthread_mutex_unlock(&rd->lock);
    for (size_t t = 0; t < rd->nthreads; t++)
        pthread_join(rd->threads[t], NULL);
    readers_destroy(rd);
    *rdp = NULL;
}

/* Store the pages the readers are done with, while the fetch goes on: in
 * job order, so only the run of read jobs from p->nstored on. */
static cc_result store_ready(struct pipeline *p, char *err, size_t errlen)
{
    struct readers *rd = p->readers;

    while (rd && p->nstored < p->njobs) {
        bool read;
        cc_result result;

        pthread_mutex_lock(&rd->lock);
        read = p->jobs[p->nstored].read && p->jobs[p->nstored].stored;
        pthread_mutex_unlock(&rd->lock);
        if (!read)
            break;
        result = store_job(p, &p->jobs[p->nstored], err, errlen);
        if (result != CC_OK)
            return result;
        p->nstored++;
    }
    return CC_OK;
}

/* Pages and facts for every usable response: the readers finish what they
 * were given, jobs they were not given are read here, the warnings are
 * printed (after the progress line is gone) and the pages not stored yet
 * are stored, in job order. */
static cc_result read_pages(struct pipeline *p, char *err, size_t errlen)
{
    cc_result result = CC_OK;

    readers_free(&p->readers, false);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];

        if (!j->queued)
            parse_job(j, true);
        free(j->r.body);        /* stored, or the run failed */
        j->r.body = NULL;
        print_warning(p, j);
    }
    while (result == CC_OK && p->nstored < p->njobs) {
        size_t end = p->nstored + CHECK_BATCH_ROWS;

        result = db_batch_begin(p->db, err, errlen);
        if (result != CC_OK)
            break;
        for (; result == CC_OK && p->nstored < p->njobs && p->nstored < end;
             p->nstored++) {
            result = store_job(p, &p->jobs[p->nstored], err, errlen);
        }
        result = db_batch_end(p->db, result, err, errlen);
    }
    return result;
}

/* --baseline: which findings of rep are accepted (NULL when none are);
 * caller frees. */
static bool *baselined(const struct report_baseline *b,
                       const struct check_report *rep)
{
    bool *v = NULL;

    for (size_t i = 0; b && i < rep->nf; i++) {
        if (!report_baseline_has(b, &rep->f[i]))
            continue;
        if (!v)
            v = cc_calloc(rep->nf, sizeof *v);
        v[i] = true;
    }
    return v;
}

/* One document's check (check_document), run on a worker thread. */
struct doc_check {
    const struct doc *doc;
    const struct check_source *src;
    size_t nsrc;
    struct cc_date as_of;
    struct check_report *rep;
    cc_result result;
    char err[CC_ERRLEN];
};

struct doc_checks {
    struct doc_check *v;
    size_t n;
    pthread_mutex_t lock;
    size_t next;            /* the next document to check */
};

static void *doc_check_main(void *arg)
{
    struct doc_checks *dc = arg;

    for (;;) {
        struct doc_check *k;

        pthread_mutex_lock(&dc->lock);
        k = dc->next < dc->n ? &dc->v[dc->next++] : NULL;
        pthread_mutex_unlock(&dc->lock);
        if (!k)
            return NULL;
        k->result = check_document(k->doc, k->src, k->nsrc, k->as_of, k->rep,
                                   k->err, sizeof k->err);
    }
}

/* Check the documents on one thread per core (the page readers are done
 * by now): each check reads the shared pages and facts and writes only
 * its own report.  This thread takes part, so one failed thread start
 * only costs speed. */
static void check_documents(struct doc_check *v, size_t n)
{
    struct doc_checks dc = { v, n, PTHREAD_MUTEX_INITIALIZER, 0 };
    size_t nthreads = readers_count();
    pthread_t t[READERS_MAX];
    size_t started = 0;

    if (nthreads > n)
        nthreads = n;
    while (started + 1 < nthreads &&
           pthread_create(&t[started], NULL, doc_check_main, &dc) == 0)
        started++;
    doc_check_main(&dc);
    for (size_t i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_destroy(&dc.lock);
}

/* Check every document, store it with its findings, write the report. */
static cc_result check_and_report(struct pipeline *p, bool *failing,
                                  char *err, size_t errlen)
{
    const struct cc_config *c = p->c;
    struct report_doc *rd = cc_calloc(p->ndocs, sizeof *rd);
    struct check_report *reps = cc_calloc(p->ndocs, sizeof *reps);
    struct check_source **srcs = cc_calloc(p->ndocs, sizeof *srcs);
    struct doc_check *dcs = cc_calloc(p->ndocs ? p->ndocs : 1, sizeof *dcs);
    bool **bl = cc_calloc(p->ndocs, sizeof *bl);
    struct report_opts ro;
    FILE *out = NULL;
    bool opened = false;
    cc_result result = CC_OK;

    for (size_t d = 0; d < p->ndocs; d++) {
        const struct doc *doc = p->docs[d];
        struct check_source *src = cc_calloc(doc->nrefs ? doc->nrefs : 1,
                                             sizeof *src);
        size_t n = 0;

        srcs[d] = src;
        for (size_t r = 0; r < doc->nrefs; r++) {
            const struct doc_ref *ref = &doc->refs[r];
            char *url;
            struct job *j;

            if (!ref->url)
                continue;
            url = cfg_map_url(c, ref->url);
            j = find_job(p, url);
            free(url);
            src[n].ref = ref;
            src[n].error = j->error ? j->error : j->r.error;
            src[n].status = j->r.status;
            if (!j->shown_final && j->r.final_url)
                j->shown_final = j->archived_url
                                     ? cc_strdup(j->archived_url)
                                     : cfg_unmap_url(c, j->r.final_url);
            src[n].archived_url = j->archived_url;
            src[n].archived_ts = j->archived_url ? j->archived_ts : NULL;
            src[n].final_url = j->shown_final;
            src[n].page = j->page;
            src[n].facts = j->page ? &j->facts : NULL;
            src[n].fact_text = j->fact_text;
            src[n].from_cache = j->cached;
            src[n].changed = j->changed;
            n++;
        }
        dcs[d].doc = doc;
        dcs[d].src = src;
        dcs[d].nsrc = n;
        dcs[d].as_of = cc_date_set(c->as_of) ? c->as_of
                                             : check_default_as_of(doc);
        dcs[d].rep = &reps[d];
    }
    check_documents(dcs, p->ndocs);
    /* in document order: the first failure ends the run, as if the
     * documents had been checked one after another */
    for (size_t d = 0; d < p->ndocs && result == CC_OK; d++) {
        const struct doc *doc = p->docs[d];
        const struct check_source *src = srcs[d];
        size_t n = dcs[d].nsrc;
        long long doc_id;

        result = dcs[d].result;
        if (result != CC_OK) {
            cc_errf(err, errlen, "%s", dcs[d].err);
            break;
        }
        for (size_t k = 0; k < n; k++) {
            char *url = cfg_map_url(c, src[k].ref->url);
            const struct job *j = find_job(p, url);

            free(url);
            cli_check_note_archive(&reps[d], src[k].ref, j);
        }
        result = db_document_store(p->db, p->run_id, doc, dcs[d].as_of,
                                   &reps[d], &doc_id, err, errlen);
        rd[d].doc = doc;
        rd[d].as_of = dcs[d].as_of;
        rd[d].src = src;
        rd[d].nsrc = n;
        rd[d].rep = &reps[d];
        bl[d] = baselined(p->baseline, &reps[d]);
        rd[d].baselined = bl[d];
        if (result == CC_OK && p->hooks && p->hooks->checked)
            result = p->hooks->checked(p->hooks->ud, p->db, p->run_id, doc_id,
                                       &rd[d], err, errlen);
        for (size_t i = 0; i < reps[d].nf; i++)
            if ((int)reps[d].f[i].severity >= c->fail_on &&
                !(bl[d] && bl[d][i]))
                *failing = true;
    }
    if (result == CC_OK)
        result = cli_open_output(c, &out, &opened, err, errlen);
    if (result == CC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.color = c->format == RF_TEXT && cli_use_color(c, out);
        ro.verbose = c->verbose > 0;
        result = report_check(out, c->format, &ro, rd, p->ndocs, err, errlen);
        if (result == CC_OK)
            result = cli_close_output(c, out, opened, err, errlen);
        else if (opened)
            fclose(out);
    }
    for (size_t d = 0; d < p->ndocs; d++)
        check_report_clear(&reps[d]);
    for (size_t d = 0; d < p->ndocs; d++)
        free(srcs[d]);
    for (size_t d = 0; d < p->ndocs; d++)
        free(bl[d]);
    free(bl);
    free(dcs);
    free(srcs);
    free(reps);
    free(rd);
    return result;
}

static void pipeline_free(struct pipeline *p)
{
    readers_free(&p->readers, true);
    for (size_t d = 0; d < p->ndocs; d++)
        doc_free(&p->docs[d]);
    free(p->docs);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];

        free(j->url);
        free(j->shown_final);
        free(j->error);
        fetch_result_clear(&j->r);
        fetch_result_clear(&j->stale);
        if (j->text_shared && j->page)
            j->page->text = NULL;   /* fact_text's, freed below */
        page_free(&j->page);
        extract_result_clear(&j->facts);
        free(j->fact_text);
        free(j->archived_url);
        free(j->archived_ts);
        free(j->live_error);
        free(j->archive_error);
        free(j->warning);
    }
    free(p->jobs);
    free(p->cells);
    free(p->todo_job);
    report_baseline_free(&p->baseline);
    db_close(&p->db);
}

cc_result cli_check(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen)
{
    return cli_check_run(c, NULL, failing, err, errlen);
}

cc_result cli_check_run(const struct cc_config *c,
                        const struct cli_check_hooks *hooks, bool *failing,
                        char *err, size_t errlen)
{
    struct pipeline p;
    cc_result result;
    char *path = NULL;
    char *command;

    memset(&p, 0, sizeof p);
    p.c = c;
    p.hooks = hooks;
    *failing = false;
    result = load_documents(&p, err, errlen);
    if (result == CC_OK && c->baseline)
        result = report_baseline_load(c->baseline, &p.baseline, err, errlen);
    if (result != CC_OK)
        goto out;
    plan_jobs(&p);
    path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    result = db_open(path, &p.db, err, errlen);
    if (result == CC_OK)
        result = cli_fetcher_open(c, &p.fetcher, err, errlen);
    if (result != CC_OK)
        goto out;
    if (hooks && hooks->command)
        command = cc_strdup(hooks->command);
    else
        command = cc_asprintf("check %s%s", c->inputs[0],
                              c->ninputs > 1 ? " ..." : "");
    result = db_run_begin(p.db, command, &p.run_id, err, errlen);
    free(command);
    if (result != CC_OK)
        goto out;
    p.readers = readers_new(&p);
    result = get_responses(&p, err, errlen);
    if (result == CC_OK)
        result = read_pages(&p, err, errlen);
    if (result == CC_OK)
        result = cli_check_archives(&p, err, errlen);
    if (result == CC_OK)
        result = check_and_report(&p, failing, err, errlen);
    {
        char e2[CC_ERRLEN];

        if (db_run_end(p.db, p.run_id, result == CC_OK ? "ok" : "failed", e2,
                       sizeof e2) != CC_OK && result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EDB;
        }
    }
out:
    {
        char e2[CC_ERRLEN];

        if (cli_fetcher_close(&p.fetcher, e2, sizeof e2) != CC_OK &&
            result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EIO;
        }
    }
    free(path);
    pipeline_free(&p);
    return result;
}
