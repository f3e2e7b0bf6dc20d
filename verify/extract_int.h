/*
 * verify/extract_int.h -- internals shared by verify/extract.c (sentences,
 * periods, binding) and verify/extract_pat.c (the pattern, the token
 * scanner and the word lists).  Not part of the public interface.
 */
#ifndef CC_VERIFY_EXTRACT_INT_H
#define CC_VERIFY_EXTRACT_INT_H

#include "common/cc.h"
#include "verify/extract.h"
#include "verify/rx.h"

/* What one match of the combined pattern is. */
enum tok_kind {
    TK_NONE = 0,
    TK_URL,        /* skipped */
    TK_DATE,       /* a full day: date */
    TK_QH,         /* quarter (n 1-4) or half (n 1-2, half = true) */
    TK_NMON,       /* "first four months": n, first */
    TK_YEAR,       /* y1 (.. y2), pre/post roles, bare */
    TK_MONTH,      /* m1 (.. m2) */
    TK_FIG,        /* a number with its currency/scale/percent parts */
    TK_QUAL,       /* sub = enum qty_qual; than = "more/less than" */
    TK_PQUAL,      /* qualifier after the figure; sub = enum pq_kind */
    TK_CHANGE,     /* sub = +1 / -1 */
    TK_CMP,        /* compared with, than, по сравнению с */
    TK_POSTCMP,    /* nisbatan, solishtirganda (after the compared period) */
    TK_REL,        /* sub = enum rel_kind */
    TK_TARGET,
    TK_MEASURE,    /* sub = enum qty_measure */
    TK_CONJ,       /* and, va, и: a clause boundary */
    TK_CURPRE      /* "USD", "US$" before a number: merged into TK_FIG */
};

enum pq_kind {
    PQ_OVER_DAN = 1,  /* "-dan ortiq", "-dan ko'p" */
    PQ_UNDER_DAN,     /* "-dan kam" */
    PQ_NEARLY_GA,     /* "-ga yaqin" */
    PQ_APPROX,        /* "atrofida", "chamasi" */
    PQ_OVER           /* "or more", "с лишним" */
};
enum rel_kind { REL_LAST = 1, REL_THIS, REL_YEARAGO, REL_SAME, REL_YTD };

/* The role a preposition or suffix gives a period expression. */
enum role {
    R_NONE = 0,
    R_PLAIN,      /* in, during, за, -yilda: the figure's period */
    R_END,        /* by the end of, по итогам, yakuni: whole period, plain */
    R_DEADLINE,   /* by, until, до, -yilgacha, -yilga borib */
    R_K,          /* к: deadline, or base after a rate */
    R_SINCE,      /* since, с, -yildan: not a period of a figure */
    R_FROM,       /* from: range start, base after a rate, else since */
    R_BASE,       /* than, compared with, nisbatan */
    R_ON,         /* on: base after a rate, else ignored */
    R_OVER        /* over: base after a rate, else plain */
};

struct span {
    size_t s, e;
    bool on;
};

struct tok {
    enum tok_kind kind;
    int sub;
    bool than;            /* TK_QUAL: "more than", "less than" */
    size_t start, end;    /* byte span of the whole match */
    /* period atoms */
    int y1, y2;
    int m1, m2;
    int n;
    bool first, half, bare, upper, mpost;
    bool pre_weak;        /* the preposition was only "of" / "the" */
    bool range_word;      /* a range joined by a word: "January to
                             November", "2016 to 2024", "с ... по ..." */
    enum role pre, post;
    struct cc_date date;  /* TK_DATE */
    /* TK_FIG parts */
    struct span qsym, sign, cpre, num, num2, scale, ssfx, pct, psfx, cur,
        csfx;
};

/* Compile (once) / free the combined pattern. */
cc_result xpat_init(char *err, size_t errlen);
void xpat_cleanup(void);

/* Scan t[s..e) and append its tokens to *toks (grown with cc_grow).
 * Lookbehinds may read before s; nothing past e is read.  CC_ELIMIT
 * when a match limit was hit (tokens so far stay). */
cc_result xpat_scan(struct rx_scratch *rs, const char *t, size_t s, size_t e,
                    struct tok **toks, size_t *ntok, size_t *cap, char *err,
                    size_t errlen);

/* verify/extract_cand.c: the positions where xpat_scan tries its anchored
 * pattern.  Built once, under xpat_init's lock: xcand_begin, then for
 * each word alternative xcand_add (its first character in one case as
 * `first`, both cases separately; `re` the regex text after it, with what
 * the pattern appends to it and (?&qhu), (?&munit) spelled out;
 * apo and dsh the apostrophe and dash classes as the pattern writes them)
 * or xcand_add_any (no literal start: every word start is tried), then
 * xcand_end.  xcand_next returns the first position in [from, e) where a
 * token may start, or e. */
void xcand_begin(void);
void xcand_add(unsigned first, const char *re, const char *apo,
               const char *dsh);
void xcand_add_any(void);
void xcand_end(void);
void xcand_free(void);
size_t xcand_next(const char *t, size_t from, size_t e);
/* A second set of sequences, built in the same way between xcand_begin
 * and xcand_end: the words and signs that may follow a number
 * (xcand_add_follow; xcand_add_follow_any when one has no literal start).
 * xcand_follow tells whether one of them may match at t[q] (q < e): false
 * only when none can, as the pattern sees it (case-insensitively). */
void xcand_add_follow(unsigned first, const char *re, const char *apo,
                      const char *dsh);
void xcand_add_follow_any(void);
bool xcand_follow(const char *t, size_t q, size_t e);
/* Tests only: when set, xcand_next returns every position (from itself)
 * and xpat_scan tries the pattern at every number too (no shortcut), so
 * that the pattern decides alone; extraction must come out the same. */
extern bool xcand_every;

/* Lower-case ASCII and Cyrillic, drop Uzbek apostrophes, fold runs of
 * white space to one ' '.  Writes at most cap-1 bytes + NUL; returns the
 * length written. */
size_t xlex_lower(const char *s, size_t n, char *buf, size_t cap);

/* Decode one UTF-8 character of s[0..n) (n >= 1) into *cp (U+FFFD on an
 * invalid sequence); returns the bytes it takes (>= 1). */
size_t xlex_decode(const char *s, size_t n, unsigned *cp);
/* Lower-case one code point (ASCII, Latin-1, Cyrillic); encode one code
 * point as UTF-8 into out (4 bytes room), returning its length. */
unsigned xlex_lower_cp(unsigned cp);
size_t xlex_encode(unsigned cp, char *out);
/* Letters of the scripts we read (Latin, Cyrillic, Greek); not digits. */
bool xlex_is_letter(unsigned cp);
bool xlex_is_upper(unsigned cp);
bool xlex_is_lower(unsigned cp);

int xlex_month(const char *s, size_t n);      /* 1..12, 0 */
int xlex_numword(const char *s, size_t n);    /* "four" -> 4; 0 */
int xlex_ordinal(const char *s, size_t n);    /* "first", "I" -> 1; 0 */
/* Role of a preposition phrase before a period ("by the end of", "до",
 * "compared with"); R_NONE when the phrase is none of them. */
enum role xlex_prep(const char *s, size_t n);
/* Role of the suffix/postposition after a year ("-yilgacha", "yilda",
 * "nisbatan", "году"); R_PLAIN when it names the period itself. */
enum role xlex_suffix_role(const char *s, size_t n);
/* Multiplier of a scale word ("billion" 1e9); *letter is set for the
 * one-letter forms k/m/b, *comma_decimal for the words of languages that
 * write a decimal comma (milliard, млрд, ming ...). 0 if unknown. */
double xlex_scale(const char *s, size_t n, bool *letter, bool *comma_decimal);
/* ISO code of a currency word, symbol or code ("dollar" -> "USD",
 * "C$" -> "CAD"); NULL when it is none.  *factor converts an amount in
 * it to the main unit: 0.01 for cents and pence, 1e6 for "MUSD". */
const char *xlex_currency(const char *s, size_t n, double *factor);
/* The same three for text already lower-cased by xlex_lower (w, at most
 * 95 bytes), so that a caller testing one word for all of them lowers it
 * once. */
int xlex_month_w(const char *w);
double xlex_scale_w(const char *w, bool *letter, bool *comma_decimal);
const char *xlex_currency_w(const char *w, double *factor);
/* Does a percent word denote percentage points? */
bool xlex_points(const char *s, size_t n);
/* Words that can never be the counted noun right after a number (function
 * words, units of time, age and measure); w is xlex_lower() output. */
bool xlex_not_noun(const char *w);
/* The subset of those that are units of time, age or measure ("years",
 * "oy", "тонн", "marta"): a number before them is no count. */
bool xlex_unit_word(const char *w);
/* Counter words skipped between a number and its noun ("78 ta loyiha"). */
bool xlex_counter(const char *w);
/* Words before a number that make it a reference, not a count
 * ("No. 5", "p. 24", "стр."). */
bool xlex_ref_word(const char *w);

/* ---- per-sentence state (extract.c, extract_fig.c) -------------------- */

enum per_kind { PK_ABS, PK_SHIFT, PK_SAME_Y };

/* a period expression: a chain of adjacent period tokens */
struct per {
    size_t t0, t1;        /* token index range, inclusive */
    size_t start, end;
    enum role role;
    enum per_kind kind;
    struct cc_period p;   /* PK_ABS */
    int y;                /* PK_SAME_Y: year; deadline year */
    bool end_form;        /* "by the end of", "yakuni bo'yicha" */
    bool range;           /* names two years or two months */
};

struct fig {
    size_t ti;
    size_t start, tend, mend;   /* span start, text end, match end */
    enum qty_kind kind;
    double v, lo, hi, mult;
    char unit[8];
    bool cur, pct, scale, letter, range;
    enum qty_qual qual;
    bool change;
    int csign;
    bool target;
    int deadline;
    enum qty_measure measure;
    bool noun_measure;
    struct cc_period period, base;
    size_t noun_s, noun_e;
    bool noun;
    bool dan, ga, gacha;        /* Uzbek case of the figure's last word */
};

struct ctx {
    const char *t;
    size_t len;
    struct cc_date ref;
    struct extract_result *out;
    size_t qcap, dcap;
    struct rx_scratch *rs;
    /* per sentence, reused */
    size_t s, e;
    struct tok *tok;
    size_t nt, tcap;
    struct fig *fig;
    size_t nf, fcap;
    struct per *per;
    size_t np, pcap;
    size_t *cb;
    size_t ncb, cbcap;
};

/* ---- text helpers (extract.c) ------------------------------------------ */

bool xtext_is_ws(unsigned char c);
bool xtext_is_digit(char ch);
/* Bytes of the space-like character at t[i] (ASCII white space, NBSP,
 * thin spaces); 0 when there is none before e. */
size_t xtext_space_len(const char *t, size_t i, size_t e);
size_t xtext_skip_space(const char *t, size_t i, size_t e);
/* The word starting at i after spaces (letters, inner apostrophes and
 * hyphens) as [*ws, *we); false when the next thing is no letter. */
bool xtext_next_word(const char *t, size_t i, size_t e, size_t *ws,
                     size_t *we);
/* The word ending right before i (not before lo), lower-cased into w. */
bool xtext_prev_word(const char *t, size_t lo, size_t i, char *w, size_t n);
/* c->t[a..b) holds only spaces, characters of punct (may be NULL) and
 * words of the NULL-terminated list words (may be NULL). */
bool xtext_gap_ok(const struct ctx *c, size_t a, size_t b,
                  const char *const *words, const char *punct);
/* Index of the clause of the current sentence that pos lies in. */
size_t xtext_clause_of(const struct ctx *c, size_t pos);

/* ---- figures (extract_fig.c) ------------------------------------------- */

/* Parse token ti (a TK_FIG) into *f: value, interval, unit, text span.
 * False when it is no quantity (a page range, "15-mart", "05(03)"). */
bool xfig_parse(struct ctx *c, size_t ti, struct fig *f);
/* Qualifier before ("about", "more than", "~") or after ("-dan ortiq",
 * "or more", "6,500+") the figure. */
void xfig_qualify(struct ctx *c, struct fig *f);
/* The counted noun after a count: 1 found, 0 none, -1 what follows shows
 * the number is no count (a unit of time or measure, a name). */
int xfig_noun(struct ctx *c, struct fig *f, size_t from);
/* A scaled amount without currency in a sentence with money takes that
 * money's currency ("exports of $1.3 billion and imports of 2.5 billion"). */
void xfig_currency(struct ctx *c, struct fig *f);
/* Measure, target and, for percentages, change and its sign, from the
 * words of the figure's clause (measure may come from an earlier clause). */
void xfig_words(struct ctx *c, struct fig *f);

#endif
