/*
 * verify/extract.h -- figures, dates and periods found in text, in English,
 * Uzbek (Latin and Cyrillic) and Russian.  PCRE2 (8-bit, UTF, JIT, match
 * limits) lives only in verify/rx.c; this module uses it through rx.h.
 *
 * A "quantity" is money, a count of something, or a percentage, with the
 * period it is bound to in its sentence, its qualifier and its measure
 * (what is being counted: trade, export, ventures, ...).
 */
#ifndef CC_VERIFY_EXTRACT_H
#define CC_VERIFY_EXTRACT_H

#include "common/cc.h"

enum qty_kind { QTY_MONEY = 0, QTY_COUNT, QTY_PERCENT };

enum qty_qual {
    QQ_EXACT = 0,  /* "4.9 billion" */
    QQ_APPROX,     /* about, around, taxminan, около, ~ */
    QQ_NEARLY,     /* nearly, almost, deyarli, почти: just below */
    QQ_OVER,       /* over, more than, at least, -dan ortiq, более, свыше */
    QQ_UNDER       /* under, less than, at most, менее */
};

/* What a figure measures, from words in its clause. */
enum qty_measure {
    QM_OTHER = 0,
    QM_TRADE,      /* trade turnover, savdo (aylanmasi), товарооборот */
    QM_EXPORT,     /* export(s), eksport, экспорт */
    QM_IMPORT,     /* import(s), import, импорт */
    QM_INVEST,     /* investment(s), investitsiya, инвестиции */
    QM_VENTURE,    /* joint venture(s), qo'shma korxona, совместн* предприяти* */
    QM_PROJECT,    /* project(s), loyiha, проект */
    QM_COMPANY     /* companies, enterprises, kompaniya, компани* */
};

struct qty {
    enum qty_kind kind;
    double value;        /* normalised: "4,3 milliard" -> 4.3e9; percent
                            in percent (5.1 means 5.1%) */
    /* Values a claim of this wording covers, from its stated precision
     * ("1.4" -> [1.35, 1.45] billion) widened by the qualifier (approx:
     * +-5% more; nearly: [0.9v, v]; over: [v, 1.5v]...).  lo <= value <= hi. */
    double lo, hi;
    char unit[8];        /* ISO 4217 ("USD", "KZT", "UZS", "RUB", "EUR"),
                            "count" or "percent" */
    enum qty_qual qual;
    bool approx;         /* qual != QQ_EXACT */
    bool change;         /* a growth/decline rate: "up 5.1%", "5% ga oshgan",
                            "down about 10%" (percent only) */
    int change_sign;     /* +1 up, -1 down, 0 unknown */
    bool target;         /* a goal/target ("raise to $10 bn", "maqsad",
                            "target", "yetkazish", "довести до") */
    int deadline_year;   /* "by 2030", "2030-yilga borib", "к 2030 году"; 0 */
    enum qty_measure measure;
    /* The period the figure is bound to in its sentence (unset when none):
     * "2021- yilda" -> 2021-01-01..2021-12-31; "2024-yilning yanvar–noyabr
     * oylarida" -> 2024-01-01..2024-11-30; "first four months of 2025" ->
     * 2025-01-01..2025-04-30; "November 2025" -> 2025-11-01..2025-11-30. */
    struct cc_period period;
    /* Period the change is measured against, when stated or implied
     * ("on January–April 2024", "o'tgan yilga nisbatan"); else unset. */
    struct cc_period base_period;
    size_t start, end;   /* byte span of the figure's text in the input */
    char *text;          /* the figure as written: "4,3 milliard dollar" */
    char *noun;          /* counts: the counted noun phrase as written
                            ("qo'shma korxona", "joint projects"); or NULL */
};

struct date_mention {
    size_t start, end;   /* byte span in the input */
    char *text;          /* as written: "7 Apr 2024" */
    struct cc_date date; /* full day only */
};

struct extract_result {
    struct qty *q;
    size_t nq;
    struct date_mention *d;
    size_t nd;
};

struct extract_opts {
    /* Date that relative expressions ("last year", "o'tgan yil", "this
     * year") resolve against; unset = leave them unresolved. */
    struct cc_date ref_date;
};

/* Extract from one piece of text (a sentence, a paragraph or a whole
 * page's main text; sentence boundaries inside it are respected when
 * binding periods).  Input must be UTF-8 (invalid sequences are skipped,
 * never matched).  Results are appended to *out in text order.
 * Returns CC_OK, or CC_ELIMIT when a regex hit its match limit (the
 * partial results stay valid; err says where). */
cc_result extract_text(const char *text, size_t len,
                       const struct extract_opts *opts,
                       struct extract_result *out, char *err, size_t errlen);

/* Free what out holds and zero it (out itself is not freed). */
void extract_result_clear(struct extract_result *out);

const char *qty_kind_name(enum qty_kind k);       /* "money", ... */
const char *qty_qual_name(enum qty_qual q);       /* "exact", ... */
const char *qty_measure_name(enum qty_measure m); /* "trade", ... */

/* Global compile of the patterns; thread-safe after it returns.  Called
 * lazily by extract_text; extract_global_cleanup frees them. */
cc_result extract_global_init(char *err, size_t errlen);
void extract_global_cleanup(void);

#endif
