/*
 * verify/extract_fig.c -- one figure of a sentence: its number (decimal
 * comma or point, thousands separators, scale words), unit (currency,
 * percent, count), the counted noun, qualifiers before and after it,
 * whether a percentage is a rate of change, what it measures and whether
 * it is a target.  Periods are bound by extract.c.
 */
#include "verify/extract_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- figures ---------------------------------------------------------- */

static double pow10i(int n)
{
    double v = 1;

    while (n-- > 0)
        v *= 10;
    return v;
}

/* Parse the digits of sp.  The decimal separator: the later of ',' and
 * '.' when both occur; a lone separator followed by other than three
 * digits; a lone '.' before three digits when a scale word or % follows
 * ("1.125 billion"); a lone ',' before three digits only for the words of
 * decimal-comma languages ("1,125 млрд"), else it groups thousands
 * ("6,500 joint ventures"). */
static bool parse_num(const char *t, struct span sp, bool dot_dec,
                      bool comma_dec, double *mant, int *dec)
{
    size_t nsep = 0, last = 0, ncomma = 0, ndot = 0, dsep = (size_t)-1;
    size_t intdigits = 0, after = 0;
    int nd = 0;

    for (size_t i = sp.s; i < sp.e; i++) {
        if (t[i] == ',' || t[i] == '.') {
            nsep++;
            last = i;
            if (t[i] == ',')
                ncomma++;
            else
                ndot++;
        }
    }
    if (ncomma && ndot) {
        dsep = last;
    } else if (nsep == 1) {
        for (size_t i = sp.s; i < last; i++)
            intdigits += xtext_is_digit(t[i]);
        for (size_t i = last + 1; i < sp.e; i++)
            after += xtext_is_digit(t[i]);
        if (after != 3 || intdigits > 3 || t[sp.s] == '0')
            dsep = last;
        else if (t[last] == '.' ? dot_dec : comma_dec)
            dsep = last;
    }
    *mant = 0;
    *dec = 0;
    for (size_t i = sp.s; i < sp.e; i++) {
        if (!xtext_is_digit(t[i]))
            continue;
        if (++nd > 15)
            return false;
        *mant = *mant * 10 + (t[i] - '0');
        if (dsep != (size_t)-1 && i > dsep)
            (*dec)++;
    }
    return nd > 0;
}

static bool suffix_included(const struct ctx *c, struct span sfx)
{
    static const char *const ok[] = {"s", "es", "ов", "а", "ы", "ам", "ами",
                                     "ах", "ей", "и", "я", "ю", "ям", "ях",
                                     "ем", "ом", "е", "у", "ев", NULL};
    char w[16];

    if (!sfx.on || sfx.e == sfx.s)
        return false;
    xlex_lower(c->t + sfx.s, sfx.e - sfx.s, w, sizeof w);
    for (const char *const *p = ok; *p; p++)
        if (strcmp(w, *p) == 0)
            return true;
    return false;
}

static void uz_case(const struct ctx *c, struct span sfx, struct fig *f)
{
    char w[32];

    if (!sfx.on || sfx.e == sfx.s)
        return;
    xlex_lower(c->t + sfx.s, sfx.e - sfx.s, w, sizeof w);
    {
        size_t n = strlen(w);

        f->gacha = (n >= 5 && !strcmp(w + n - 5, "gacha")) ||
                   (n >= 8 && !strcmp(w + n - 8, "гача"));
        f->dan = (n >= 3 && !strcmp(w + n - 3, "dan")) ||
                 (n >= 6 && !strcmp(w + n - 6, "дан"));
        f->ga = !f->gacha && ((n >= 2 && !strcmp(w + n - 2, "ga")) ||
                              (n >= 4 && !strcmp(w + n - 4, "га")));
    }
}

/* Is there a token of one of the kinds starting at pos? */
static const struct tok *tok_at(const struct ctx *c, size_t pos)
{
    for (size_t i = 0; i < c->nt; i++)
        if (c->tok[i].start <= pos && pos < c->tok[i].end)
            return &c->tok[i];
    return NULL;
}

/* The counted noun after a count: up to five words, ending at a measure
 * word when one comes ("joint industrial cooperation projects"), else the
 * first word.  Returns 1 with the noun set, 0 when no noun follows, -1
 * when what follows shows the number is no count of things (a unit of
 * time or measure, a capitalised name, a month). */
int xfig_noun(struct ctx *c, struct fig *f, size_t from)
{
    size_t pos = from, ws, we, first_s = 0, first_e = 0;
    int words = 0;
    bool counter_done = false;

    for (int guard = 0; guard < 7; guard++) {
        const struct tok *k;
        char w[64];

        if (!xtext_next_word(c->t, pos, c->e, &ws, &we))
            break;
        xlex_lower(c->t + ws, we - ws, w, sizeof w);
        if (!words && !counter_done && xlex_counter(w)) {
            counter_done = true;
            pos = we;
            continue;
        }
        k = tok_at(c, ws);
        if (k && k->kind == TK_MEASURE) {
            unsigned cp;
            size_t b = f->start;

            while (b > c->s && xtext_is_ws((unsigned char)c->t[b - 1]) &&
                   c->t[b - 1] != '\n')
                b--;
            xlex_decode(c->t + ws, we - ws, &cp);
            /* "19 Trade turnover ..." opening a footnote line */
            if (!words && xlex_is_upper(cp) &&
                (b == c->s || c->t[b - 1] == '\n'))
                return -1;
            if (!words)
                first_s = ws;
            f->noun = true;
            f->noun_s = first_s;
            f->noun_e = k->end > we ? k->end : we;
            f->measure = (enum qty_measure)k->sub;
            f->noun_measure = true;
            return 1;
        }
        if (xlex_not_noun(w) || (k && k->kind != TK_NONE)) {
            if (!words && (xlex_unit_word(w) || (k && k->kind != TK_CONJ &&
                                                 k->kind != TK_QUAL &&
                                                 k->kind != TK_CMP)))
                return -1;
            break;
        }
        if (!words) {
            unsigned cp;

            xlex_decode(c->t + ws, we - ws, &cp);
            if (xlex_is_upper(cp))
                return -1;
            first_s = ws;
            first_e = we;
        }
        words++;
        if (words >= 5)
            break;
        pos = we;
        /* the phrase goes on only across plain spaces */
        if (we < c->e && xtext_space_len(c->t, we, c->e) == 0)
            break;
    }
    if (!words)
        return 0;
    f->noun = true;
    f->noun_s = first_s;
    f->noun_e = first_e;
    return 1;
}

/* Reject numbers that are references, ordinals or parts of codes. */
static bool count_context_ok(const struct ctx *c, const struct tok *k)
{
    size_t a = k->num2.on ? k->num2.e : k->num.e;
    char w[32];

    if (a < c->e) {
        unsigned cp;
        char ch = c->t[a];

        xlex_decode(c->t + a, c->e - a, &cp);
        if (xlex_is_letter(cp) && !k->scale.on)
            return false;                 /* "15Uzbekistan", "5G" */
        if ((ch == '-' || ch == '(' || ch == '/' || ch == '[') &&
            !k->scale.on)
            return false;                 /* "15-mart", "05(03)" */
        if (ch == ':' && a + 1 < c->e && xtext_is_digit(c->t[a + 1]))
            return false;                 /* 10:30 */
        if (ch == ')' && k->start > c->s && c->t[k->start - 1] == '(')
            return false;                 /* "(03)" */
    }
    if (k->start > c->s && strchr("[#", c->t[k->start - 1]))
        return false;
    if (xtext_prev_word(c->t, c->s, k->start, w, sizeof w) && xlex_ref_word(w))
        return false;
    return true;
}

bool xfig_parse(struct ctx *c, size_t ti, struct fig *f)
{
    const struct tok *k = &c->tok[ti];
    double m1, m2 = 0, step;
    int d1, d2 = 0;
    bool comma_dec = false;
    const char *iso = NULL;

    memset(f, 0, sizeof *f);
    f->ti = ti;
    f->start = k->start;
    f->mend = k->end;
    f->mult = 1;
    if (k->scale.on) {
        f->mult = xlex_scale(c->t + k->scale.s, k->scale.e - k->scale.s,
                             &f->letter, &comma_dec);
        f->scale = f->mult > 0;
        if (!f->scale)
            f->mult = 1;
    }
    f->pct = k->pct.on;
    if (k->cpre.on)
        iso = xlex_currency(c->t + k->cpre.s, k->cpre.e - k->cpre.s);
    else if (k->cur.on)
        iso = xlex_currency(c->t + k->cur.s, k->cur.e - k->cur.s);
    f->cur = iso != NULL;
    if (f->letter) {
        /* "$1.4b", "$5m", "$10k": attached, and only with a currency */
        size_t ne = k->num2.on ? k->num2.e : k->num.e;

        if (k->scale.s != ne || !f->cur)
            return false;
    }
    if (!parse_num(c->t, k->num, f->scale || f->pct, comma_dec, &m1, &d1))
        return false;
    if (k->num2.on) {
        if (!f->scale && !f->pct && !f->cur)
            return false;                 /* "20–24": pages, not a range */
        if (!parse_num(c->t, k->num2, f->scale || f->pct, comma_dec, &m2,
                       &d2))
            return false;
        f->range = true;
    }
    step = f->mult / pow10i(d1);
    f->v = m1 * f->mult / pow10i(d1);
    f->lo = f->v - step / 2;
    f->hi = f->v + step / 2;
    if (f->range) {
        double v2 = m2 * f->mult / pow10i(d2), s2 = f->mult / pow10i(d2);

        if (v2 <= f->v)
            return false;
        f->hi = v2 + s2 / 2;
        f->v = (f->v + v2) / 2;
    }
    if (f->pct) {
        f->kind = QTY_PERCENT;
        snprintf(f->unit, sizeof f->unit, "%s",
                 xlex_points(c->t + k->pct.s, k->pct.e - k->pct.s) ? "pp"
                                                                  : "percent");
        f->tend = suffix_included(c, k->psfx) ? k->psfx.e : k->pct.e;
        uz_case(c, k->psfx, f);
    } else if (f->cur) {
        f->kind = QTY_MONEY;
        snprintf(f->unit, sizeof f->unit, "%s", iso);
        if (k->cur.on) {
            f->tend = suffix_included(c, k->csfx) ? k->csfx.e : k->cur.e;
            uz_case(c, k->csfx, f);
        } else if (f->scale) {
            f->tend = suffix_included(c, k->ssfx) ? k->ssfx.e : k->scale.e;
            uz_case(c, k->ssfx, f);
        } else {
            f->tend = k->num2.on ? k->num2.e : k->num.e;
        }
    } else {
        f->kind = QTY_COUNT;
        snprintf(f->unit, sizeof f->unit, "count");
        if (f->scale) {
            f->tend = suffix_included(c, k->ssfx) ? k->ssfx.e : k->scale.e;
            uz_case(c, k->ssfx, f);
        } else {
            f->tend = k->num2.on ? k->num2.e : k->num.e;
            f->mend = f->tend;
        }
        if (!count_context_ok(c, k))
            return false;
    }
    if (k->sign.on) {
        f->csign = c->t[k->sign.s] == '+' ? 1 : -1;
        f->change = f->pct;
        if (!f->pct && f->csign < 0)
            return false;
    }
    if (k->qsym.on) {
        unsigned cp;

        xlex_decode(c->t + k->qsym.s, k->qsym.e - k->qsym.s, &cp);
        f->qual = (cp == '~' || cp == 0x2248) ? QQ_APPROX
                  : (cp == '<' || cp == 0x2264) ? QQ_UNDER
                                                : QQ_OVER;
    }
    return true;
}

/* ---- qualifiers, change, measure, target ------------------------------ */

void xfig_qualify(struct ctx *c, struct fig *f)
{
    static const char *const pre_gap[] = {"на", "by", "of", "at", NULL};
    static const char *const dan[] = {"dan", "дан", NULL};
    static const char *const ga[] = {"ga", "га", NULL};
    const struct tok *k = &c->tok[f->ti];
    size_t ti = f->ti;

    if (!f->qual && ti > 0 && c->tok[ti - 1].kind == TK_QUAL &&
        xtext_gap_ok(c, c->tok[ti - 1].end, k->start, pre_gap, NULL))
        f->qual = (enum qty_qual)c->tok[ti - 1].sub;
    if (ti + 1 < c->nt && c->tok[ti + 1].kind == TK_PQUAL) {
        const struct tok *p = &c->tok[ti + 1];
        enum qty_qual q = QQ_EXACT;

        switch (p->sub) {
        case PQ_OVER_DAN:
        case PQ_UNDER_DAN:
            if (f->dan ? xtext_gap_ok(c, f->mend, p->start, NULL, NULL)
                       : xtext_gap_ok(c, f->mend, p->start, dan, NULL))
                q = p->sub == PQ_OVER_DAN ? QQ_OVER : QQ_UNDER;
            break;
        case PQ_NEARLY_GA:
            if (f->ga ? xtext_gap_ok(c, f->mend, p->start, NULL, NULL)
                      : xtext_gap_ok(c, f->mend, p->start, ga, NULL))
                q = QQ_NEARLY;
            break;
        default:
            if (xtext_gap_ok(c, f->mend, p->start, NULL, NULL))
                q = p->sub == PQ_APPROX ? QQ_APPROX : QQ_OVER;
            break;
        }
        if (q != QQ_EXACT) {
            if (!f->qual)
                f->qual = q;
            f->mend = p->end;
        }
    }
    if (!f->qual && f->mend < c->e && c->t[f->mend] == '+')
        f->qual = QQ_OVER;                /* "6,500+" */
}

static size_t dist(const struct fig *f, const struct tok *k)
{
    return k->end <= f->start ? f->start - k->end : k->start - f->mend;
}

void xfig_words(struct ctx *c, struct fig *f)
{
    size_t cl = xtext_clause_of(c, f->start), best = (size_t)-1, bestc = (size_t)-1;
    const struct tok *meas = NULL, *chg = NULL;

    for (size_t i = 0; i < c->nt; i++) {
        const struct tok *k = &c->tok[i];
        bool same = xtext_clause_of(c, k->start) == cl;

        if (k->kind == TK_TARGET && same)
            f->target = true;
        if (k->kind == TK_MEASURE && !f->noun_measure &&
            !(f->kind == QTY_COUNT && f->noun)) {
            if (same && (!meas || xtext_clause_of(c, meas->start) != cl ||
                         dist(f, k) < best)) {
                meas = k;
                best = dist(f, k);
            } else if (!same && k->end <= f->start &&
                       f->kind != QTY_COUNT &&
                       (!meas || xtext_clause_of(c, meas->start) != cl)) {
                meas = k;    /* nearest before, from an earlier clause */
                best = (size_t)-1;
            }
        }
        if (k->kind == TK_CHANGE && same && dist(f, k) < bestc) {
            chg = k;
            bestc = dist(f, k);
        }
    }
    if (meas && !f->noun_measure)
        f->measure = (enum qty_measure)meas->sub;
    if (f->kind != QTY_PERCENT)
        return;
    /* rates of change */
    {
        char w[32];
        const struct tok *after =
            f->ti + 1 < c->nt ? &c->tok[f->ti + 1] : NULL;
        bool by = xtext_prev_word(c->t, c->s, f->start, w, sizeof w) &&
                  (!strcmp(w, "на") || !strcmp(w, "by"));
        bool to = !f->qual && xtext_prev_word(c->t, c->s, f->start, w, sizeof w) &&
                  !strcmp(w, "to");
        const struct tok *q = f->ti > 0 ? &c->tok[f->ti - 1] : NULL;
        size_t ws, we;

        if (q && q->kind == TK_QUAL && q->sub == QQ_UNDER && chg &&
            q->end <= f->start && xtext_gap_ok(c, q->end, f->start, NULL, NULL)) {
            xlex_lower(c->t + q->start, q->end - q->start, w, sizeof w);
            if (!strcmp(w, "до") || !strcmp(w, "up to"))
                to = true;        /* "вырос до 12%": a level */
        }
        if (to || f->gacha) {
            f->change = false;
            if (to)
                f->qual = QQ_EXACT;
            return;
        }
        if (f->ga || (xtext_next_word(c->t, f->mend, c->e, &ws, &we) &&
                      we - ws == 2 && !strncasecmp(c->t + ws, "ga", 2)))
            f->change = true;            /* "5% ga oshgan" */
        if (by)
            f->change = true;
        if (chg) {
            f->change = true;
            if (!f->csign)
                f->csign = chg->sub;
        }
        if (after && after->kind == TK_QUAL &&
            (after->sub == QQ_OVER || after->sub == QQ_UNDER) &&
            xtext_gap_ok(c, f->mend, after->start, NULL, ",")) {
            f->change = true;             /* "3% less than", "на 3% меньше" */
            if (!chg)
                f->csign = after->sub == QQ_OVER ? 1 : -1;
        }
    }
}

/* If no currency is written but a scaled amount shares the sentence with
 * money ("exports of $1.3 billion and imports of 2.5 billion"), it is in
 * that currency. */
void xfig_currency(struct ctx *c, struct fig *f)
{
    const struct fig *best = NULL;
    size_t bd = (size_t)-1;

    if (f->kind != QTY_COUNT || f->noun || f->mult < 1e6)
        return;
    for (size_t i = 0; i < c->nf; i++) {
        const struct fig *o = &c->fig[i];
        size_t d = o->start > f->start ? o->start - f->start
                                       : f->start - o->start;

        if (o->kind == QTY_MONEY && d < bd) {
            best = o;
            bd = d;
        }
    }
    if (best) {
        f->kind = QTY_MONEY;
        memcpy(f->unit, best->unit, sizeof f->unit);
    }
}

