/*
 * verify/check.h -- claims x facts -> findings.
 *
 * A claim is a figure in a sentence of the article (with the footnotes of
 * that sentence), or a sentence that names a person.  Each is checked
 * against its cited sources and against the article's other sources.  The
 * finding kinds are those of CONTRACT.md.
 */
#ifndef CC_VERIFY_CHECK_H
#define CC_VERIFY_CHECK_H

#include "common/cc.h"
#include "parser/document.h"
#include "parser/page.h"
#include "verify/extract.h"

enum finding_kind {
    FK_SUPPORTED = 0,
    FK_VALUE_MISMATCH,
    FK_PERIOD_MISMATCH,
    FK_CONTRADICTED,          /* contradicted_by_other_source */
    FK_SOURCE_PREDATES,
    FK_INTERNAL_CONFLICT,
    FK_SUM_MISMATCH,
    FK_NOT_FOUND,
    FK_PERIOD_UNCONFIRMED,
    FK_PERIOD_INCOMPLETE,
    FK_NAME_NOT_IN_SOURCE,
    FK_METADATA_MISMATCH,
    FK_UNREACHABLE,
    FK_NO_URL,
    FK_UNCITED_CLAIM,
    FK_SOURCES_DISAGREE,
    FK_COUNT_
};

enum severity { SEV_INFO = 0, SEV_WARNING, SEV_ERROR };

const char *finding_kind_name(enum finding_kind k);  /* "value_mismatch" */
enum severity finding_kind_severity(enum finding_kind k);
const char *severity_name(enum severity s);          /* "error" */
/* Parse "error"/"warning"/"info"/"never" for --fail-on; "never" gives
 * SEV_ERROR + 1.  Returns -1 on an unknown name. */
int severity_parse(const char *s);

/* What the pipeline knows about one reference of the document. */
struct check_source {
    const struct doc_ref *ref;   /* borrowed */
    /* Fetch outcome: error is NULL on a transfer that completed. */
    const char *error;           /* borrowed; "timeout", "dns: ..." */
    long status;                 /* final HTTP status, 0 if none */
    const char *final_url;       /* borrowed, may be NULL */
    const struct page *page;     /* borrowed; NULL when not fetched/parsed */
    /* Facts extracted from page->title and page->text; spans index into
     * fact_text (title + "\n\n" + text), which is borrowed. */
    const struct extract_result *facts;
    const char *fact_text;
    /* Set when page is an archived copy (--archive) read because the live
     * page was dead: the copy's URL and its "YYYYMMDDhhmmss"; borrowed. */
    const char *archived_url;
    const char *archived_ts;
    /* Incremental re-checks (cli/check.c): from_cache is true when the
     * response was served from the database without a request this run;
     * changed is true when this run's response body differs from the
     * previous stored response of the URL (false when the same, after a
     * 304, or with nothing to compare).  Reports show changed as null
     * when from_cache or when the fetch failed. */
    bool from_cache;
    bool changed;
};

/* A finding lists at most this many figures of the sources as evidence
 * (the first ones, in the order of the article's references and the
 * pages' text). */
#define CHECK_MAX_EVIDENCE 8

struct evidence {
    char ref[DOC_MAX_LABEL];     /* "" when from the article itself */
    int line;                    /* article line, for internal evidence */
    char *snippet;               /* the sentence around the figure */
    bool has_value;
    double value;
    char unit[8];
    struct cc_period period;     /* may be unset */
    int deadline_year;           /* 0 if none */
};

struct finding {
    enum finding_kind kind;
    enum severity severity;
    char ref[DOC_MAX_LABEL];     /* footnote label, "" for none (null) */
    /* The claim; line 0 and text NULL for reference-level findings that no
     * sentence carries (never for the seed: markers give lines). */
    int line;
    char *claim_text;            /* the sentence */
    size_t fig_start, fig_end;   /* the figure's bytes in claim_text;
                                    fig_end 0 = no figure */
    bool has_value;              /* false for name/metadata/url findings */
    double value;
    char unit[8];
    bool approx;
    struct cc_period period;
    int deadline_year;
    struct evidence *ev;
    size_t nev;
    char *message;               /* one plain sentence */
};

struct check_report {
    struct finding *f;
    size_t nf;
    size_t nclaims;              /* figures and named-person claims checked */
    size_t count[3];             /* findings per severity */
};

/* Check doc against its sources (src[i].ref are doc's references, any
 * order; references without a source entry count as not fetched).
 * as_of is the article's date (must be set).  Findings are ordered by
 * line, then kind.  Caller frees out with check_report_clear(). */
cc_result check_document(const struct doc *doc, const struct check_source *src,
                         size_t nsrc, struct cc_date as_of,
                         struct check_report *out, char *err, size_t errlen);

void check_report_clear(struct check_report *r);

/* A value as people write it: "$4.3 billion", "4.3 billion KZT", "6,500",
 * "5.1%".  buf >= 48 bytes. */
void check_format_value(enum qty_kind kind, const char *unit, double v,
                        char *buf, size_t n);

/* Default as_of: the latest full date among the references, else today. */
struct cc_date check_default_as_of(const struct doc *doc);

#endif
