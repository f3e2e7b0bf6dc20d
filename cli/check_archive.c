/*
 * cli/check_archive.c -- `citecheck check --archive`: dead or changed
 * sources read from an archived copy (Memento TimeGate or Wayback-style
 * availability answer, crawler/archive.c), and the findings that say so.
 * See check_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check_int.h"
#include "crawler/archive.h"
#include "db/db.h"

/* Why job j's live page is unusable (dead: HTTP error, network error,
 * soft 404), or NULL when it was read or only its type is unsupported. */
static char *dead_reason(const struct job *j)
{
    if (j->page || !j->url)
        return NULL;
    if (j->error)
        return strncmp(j->error, "type:", 5) == 0 ||
               strncmp(j->error, "offline:", 8) == 0
                   ? NULL : cc_strdup(j->error);
    if (j->r.error)
        return cc_strdup(j->r.error);
    if (j->r.status >= 400)
        return cc_asprintf("HTTP %ld", j->r.status);
    return NULL;
}

struct archive_pass {
    struct pipeline *p;
    size_t *job_of;             /* fetch index -> job index */
    long long *fetch_id;        /* fetch index -> stored fetch */
};

static void on_archive_fetched(struct fetch_result *r, size_t index, void *ud)
{
    struct archive_pass *a = ud;
    struct pipeline *p = a->p;

    if (p->store_result != CC_OK || r->error)
        return;
    p->store_result = db_fetch_store(p->db, p->run_id, r, &a->fetch_id[index],
                                     p->store_err, sizeof p->store_err);
}

/* Fetch res[0..n) through the fetcher (so --warc records and --replay
 * serves archive traffic too), storing each response. */
static cc_result archive_fetch(struct archive_pass *a, struct fetch_result *res,
                               size_t n, char *err, size_t errlen)
{
    struct fetch_opts fo;
    struct fetch_robots_cache rcache;
    struct cli_robots rdb;
    cc_result result;

    cli_fetch_opts(a->p->c, &fo);
    cli_robots_cache(&rdb, a->p->db, NULL, &rcache);
    fo.robots_cache = &rcache;
    memset(a->fetch_id, 0, n * sizeof *a->fetch_id);
    result = cli_fetcher_run(&a->p->fetcher, &fo, res, n, on_archive_fetched,
                             a, err, errlen);
    if (result == CC_OK && a->p->store_result != CC_OK) {
        cc_errf(err, errlen, "%s", a->p->store_err);
        result = a->p->store_result;
    }
    return result;
}

/* The date an archived copy should be closest to: the reference's date,
 * else --as-of, else the default date of the first article citing it. */
static struct cc_date archive_want(const struct pipeline *p,
                                   const struct job *j)
{
    if (cc_date_set(j->ref_date))
        return j->ref_date;
    if (cc_date_set(p->c->as_of))
        return p->c->as_of;
    for (size_t d = 0; d < p->ndocs; d++) {
        for (size_t r = 0; r < p->docs[d]->nrefs; r++) {
            const struct doc_ref *ref = &p->docs[d]->refs[r];
            char *url;
            bool same;

            if (!ref->url)
                continue;
            url = cfg_map_url(p->c, ref->url);
            same = strcmp(url, j->url) == 0;
            free(url);
            if (same)
                return check_default_as_of(p->docs[d]);
        }
    }
    return (struct cc_date){0, 0, 0};
}

/* Phase 1 answer k of a --archive look-up: true with q[m] ready to fetch
 * (or, *in_hand, already holding the copy: a TimeGate's memento) and
 * j->archived_ts, *copy_url set; false with j->archive_error set. */
static bool archive_answer(struct archive_pass *a, enum archive_kind kind,
                           struct fetch_result *q, size_t k, size_t m,
                           bool *in_hand, char **copy_url)
{
    struct job *j = &a->p->jobs[a->job_of[k]];
    char why[CC_ERRLEN], *snap = NULL, *ts = NULL;
    struct archive_memento mm;
    bool ok;

    *in_hand = false;
    if (kind == ARCHIVE_WAYBACK) {
        ok = false;
        if (q[k].error)
            cc_errf(why, sizeof why, "archive: %s", q[k].error);
        else if (q[k].status != 200 || !q[k].body)
            cc_errf(why, sizeof why, "archive: HTTP %ld", q[k].status);
        else
            ok = archive_parse_answer(q[k].body, q[k].body_len, &snap, &ts,
                                      why, sizeof why);
        fetch_result_clear(&q[k]);
        if (!ok) {
            j->archive_error = cc_strdup(why);
            return false;
        }
        q[m].url = snap;
        j->archived_ts = ts;
        return true;
    }
    ok = archive_memento_pick(&q[k], archive_want(a->p, j), &mm, why,
                              sizeof why);
    if (ok && mm.in_hand) {
        struct fetch_result keep = q[k];

        memset(&q[k], 0, sizeof q[k]);
        q[m] = keep;
        a->fetch_id[m] = a->fetch_id[k];
        *in_hand = true;
    } else {
        fetch_result_clear(&q[k]);
        if (ok)
            q[m].url = cc_strdup(mm.url);
    }
    if (!ok) {
        j->archive_error = cc_strdup(why);
        return false;
    }
    *copy_url = mm.url;
    j->archived_ts = mm.timestamp;
    mm.url = mm.timestamp = NULL;
    archive_memento_clear(&mm);
    return true;
}

/* Fetch the copies of q[0..n) not yet in hand. */
static cc_result archive_fetch_rest(struct archive_pass *a,
                                    struct fetch_result *q, size_t n,
                                    const bool *in_hand, char *err,
                                    size_t errlen)
{
    struct fetch_result *f = cc_calloc(n, sizeof *f);
    size_t *fk = cc_calloc(n, sizeof *fk), nf = 0;
    struct archive_pass b = {a->p, NULL, cc_calloc(n, sizeof *b.fetch_id)};
    cc_result result = CC_OK;

    for (size_t k = 0; k < n; k++) {
        if (in_hand[k])
            continue;
        f[nf] = q[k];
        memset(&q[k], 0, sizeof q[k]);
        fk[nf++] = k;
    }
    if (nf)
        result = archive_fetch(&b, f, nf, err, errlen);
    for (size_t i = 0; i < nf; i++) {
        q[fk[i]] = f[i];
        a->fetch_id[fk[i]] = b.fetch_id[i];
    }
    free(f);
    free(fk);
    free(b.fetch_id);
    return result;
}

/* --archive: for every dead source, ask the availability endpoint or the
 * Memento TimeGate for the copy closest to the reference's date, fetch it
 * and read it instead. */
cc_result cli_check_archives(struct pipeline *p, char *err, size_t errlen)
{
    struct archive_pass a;
    struct fetch_result *q;
    const char *endpoint;
    enum archive_kind kind;
    bool *in_hand;
    char **copy_url;            /* the copy's URL when the answer named it */
    size_t n = 0;
    cc_result result = CC_OK;

    if (!p->c->archive || p->njobs == 0)
        return CC_OK;
    kind = archive_spec(p->c->archive, &endpoint);
    a.p = p;
    a.job_of = cc_calloc(p->njobs, sizeof *a.job_of);
    a.fetch_id = cc_calloc(p->njobs, sizeof *a.fetch_id);
    q = cc_calloc(p->njobs, sizeof *q);
    in_hand = cc_calloc(p->njobs, sizeof *in_hand);
    copy_url = cc_calloc(p->njobs, sizeof *copy_url);
    for (size_t i = 0; i < p->njobs; i++) {
        char *why = dead_reason(&p->jobs[i]), *cited;
        struct cc_date want;

        if (!why)
            continue;
        free(why);
        want = archive_want(p, &p->jobs[i]);
        cited = cfg_unmap_url(p->c, p->jobs[i].url);
        if (kind == ARCHIVE_MEMENTO) {
            q[n].url = archive_timegate_url(endpoint, cited);
            q[n].req_header = archive_accept_datetime(want);
        } else {
            q[n].url = archive_query_url(endpoint, cited, want);
        }
        free(cited);
        a.job_of[n++] = i;
    }
    if (n)
        result = archive_fetch(&a, q, n, err, errlen);
    /* the answers name the copies: q[0..m) become the copies' fetches */
    if (result == CC_OK) {
        size_t m = 0;

        for (size_t k = 0; k < n; k++)
            if (archive_answer(&a, kind, q, k, m, &in_hand[m], &copy_url[m]))
                a.job_of[m++] = a.job_of[k];
        n = m;
    }
    if (n && result == CC_OK)
        result = archive_fetch_rest(&a, q, n, in_hand, err, errlen);
    for (size_t k = 0; k < n && result == CC_OK; k++) {
        struct job *j = &p->jobs[a.job_of[k]];
        struct job saved = *j;

        /* read the copy in place of the live response */
        j->r = q[k];
        memset(&q[k], 0, sizeof q[k]);
        j->error = NULL;
        j->fetch_id = a.fetch_id[k];
        result = cli_check_read_job(p, j, err, errlen);
        if (result == CC_OK && j->page) {
            j->live_error = dead_reason(&saved);
            j->archived_url = copy_url[k] ? copy_url[k]
                                          : cc_strdup(j->r.final_url
                                                          ? j->r.final_url
                                                          : j->r.url);
            copy_url[k] = NULL;
            fetch_result_clear(&saved.r);
            free(saved.error);
        } else {
            /* the copy is no better: keep the live outcome */
            if (result == CC_OK)
                j->archive_error = cc_asprintf(
                    "archive: the copy at %s was unusable (%s)",
                    j->r.final_url ? j->r.final_url : j->r.url,
                    j->error ? j->error
                    : j->r.error ? j->r.error : "no page");
            fetch_result_clear(&j->r);
            free(j->error);
            page_free(&j->page);
            j->r = saved.r;
            j->error = saved.error;
            j->fetch_id = saved.fetch_id;
            free(j->archived_ts);
            j->archived_ts = NULL;
        }
    }
    for (size_t k = 0; k < n; k++) {
        fetch_result_clear(&q[k]);
        free(copy_url[k]);
    }
    free(q);
    free(in_hand);
    free(copy_url);
    free(a.job_of);
    free(a.fetch_id);
    return result;
}

/* "20240115093000" -> "2024-01-15 09:30:00 UTC", "20240115" ->
 * "2024-01-15"; other text is kept. buf >= 24. */
static void archive_day(const char *ts, char *buf, size_t n)
{
    if (ts && strlen(ts) == 14 && strspn(ts, "0123456789") == 14)
        cc_errf(buf, n, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", ts, ts + 4,
                ts + 6, ts + 8, ts + 10, ts + 12);
    else if (ts && strlen(ts) >= 8 && strspn(ts, "0123456789") >= 8)
        cc_errf(buf, n, "%.4s-%.2s-%.2s", ts, ts + 4, ts + 6);
    else
        cc_errf(buf, n, "%s", ts && *ts ? ts : "unknown date");
}

/* Findings on a source read from an archived copy say so. */
static void note_archived(struct check_report *rep, const struct doc_ref *ref,
                          const struct job *j)
{
    char day[32];

    archive_day(j->archived_ts, day, sizeof day);
    for (size_t i = 0; i < rep->nf; i++) {
        struct finding *f = &rep->f[i];
        char *m;

        if (strcmp(f->ref, ref->label) != 0)
            continue;
        m = cc_asprintf("%s (checked against an archived copy of %s, %s; "
                        "the live page: %s)", f->message ? f->message : "",
                        day, j->archived_url, j->live_error ? j->live_error
                                                            : "unusable");
        free(f->message);
        f->message = m;
    }
}

/* Findings on a dead source say why no archived copy was used. */
static void note_no_archive(struct check_report *rep,
                            const struct doc_ref *ref, const struct job *j)
{
    for (size_t i = 0; i < rep->nf; i++) {
        struct finding *f = &rep->f[i];
        char *m;

        if (strcmp(f->ref, ref->label) != 0)
            continue;
        m = cc_asprintf("%s (no archived copy used: %s)",
                        f->message ? f->message : "", j->archive_error);
        free(f->message);
        f->message = m;
    }
}

void cli_check_note_archive(struct check_report *rep,
                            const struct doc_ref *ref, const struct job *j)
{
    if (j && j->archived_url)
        note_archived(rep, ref, j);
    else if (j && j->archive_error)
        note_no_archive(rep, ref, j);
}
